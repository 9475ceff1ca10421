// The writes the index takes, prepared once per connection and reused for every batch: parameterized upserts
// and deletes for inodes, xattrs, dentries, meta and journal rows. Both the IndexWriter and fsck's repair go
// through these, so a record is bound to columns in exactly one place.
using Microsoft.Data.Sqlite;
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Schema;

namespace UjailOverlay.State.Index;

internal sealed class IndexStatements : IDisposable
{
    /// <summary>inodes columns in SchemaV1 order; parameter names are "$" + column.</summary>
    internal static readonly string[] InodeColumns =
    [
        "ino", "type", "perm", "uid", "gid", "rdev",
        "atime_s", "atime_ns", "mtime_s", "mtime_ns", "ctime_s", "ctime_ns",
        "data_in_upper", "lower_path",
        "origin_dev", "origin_ino", "origin_size", "origin_mtime_s", "origin_mtime_ns",
        "origin_ctime_s", "origin_ctime_ns", "origin_sha256",
        "symlink_target", "opaque", "redirect",
    ];

    private readonly SqliteCommand _upsertInode, _deleteInode, _deleteXattrs, _insertXattr;
    private readonly SqliteCommand _upsertDentry, _deleteDentry, _setMeta, _insertJournal;
    private readonly SqliteCommand[] _all;

    public IndexStatements(SqliteConnection connection)
    {
        var columns = string.Join(", ", InodeColumns);
        var values = string.Join(", ", InodeColumns.Select(c => "$" + c));
        var updates = string.Join(", ", InodeColumns.Skip(1).Select(c => $"{c} = excluded.{c}"));
        _upsertInode = Command(connection,
            $"INSERT INTO inodes ({columns}) VALUES ({values}) ON CONFLICT(ino) DO UPDATE SET {updates}",
            InodeColumns);
        _deleteInode = Command(connection, "DELETE FROM inodes WHERE ino = $ino", "ino");
        _deleteXattrs = Command(connection, "DELETE FROM xattrs WHERE ino = $ino", "ino");
        _insertXattr = Command(connection, "INSERT INTO xattrs (ino, name, value) VALUES ($ino, $name, $value)",
            "ino", "name", "value");
        _upsertDentry = Command(connection,
            "INSERT INTO dentries (path, ino) VALUES ($path, $ino) ON CONFLICT(path) DO UPDATE SET ino = excluded.ino",
            "path", "ino");
        _deleteDentry = Command(connection, "DELETE FROM dentries WHERE path = $path", "path");
        _setMeta = Command(connection,
            "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            "key", "value");
        _insertJournal = Command(connection,
            "INSERT INTO journal (time_ns, pid, exe, argv, syscall, path, path2, result) " +
            "VALUES ($time_ns, $pid, $exe, $argv, $syscall, $path, $path2, $result)",
            "time_ns", "pid", "exe", "argv", "syscall", "path", "path2", "result");
        _all = [_upsertInode, _deleteInode, _deleteXattrs, _insertXattr, _upsertDentry, _deleteDentry, _setMeta, _insertJournal];
    }

    /// <summary>Enlists every statement in the batch's transaction (Microsoft.Data.Sqlite requires it).</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in _all)
            command.Transaction = transaction;
    }

    /// <summary>Writes the inode row and replaces its xattrs.</summary>
    public void PutInode(InodeRecord inode)
    {
        var p = _upsertInode.Parameters;
        var origin = inode.Origin;
        var i = 0;
        p[i++].Value = ToDb(inode.Ino);
        p[i++].Value = (long)(uint)inode.Type;
        p[i++].Value = (long)inode.Perm;
        p[i++].Value = (long)inode.Uid;
        p[i++].Value = (long)inode.Gid;
        p[i++].Value = ToDb(inode.Rdev);
        p[i++].Value = inode.Atime.Sec;
        p[i++].Value = inode.Atime.Nsec;
        p[i++].Value = inode.Mtime.Sec;
        p[i++].Value = inode.Mtime.Nsec;
        p[i++].Value = inode.Ctime.Sec;
        p[i++].Value = inode.Ctime.Nsec;
        p[i++].Value = inode.DataInUpper ? 1L : 0L;
        p[i++].Value = OrNull(inode.LowerPath);
        p[i++].Value = origin is null ? DBNull.Value : ToDb(origin.Dev);
        p[i++].Value = origin is null ? DBNull.Value : ToDb(origin.Ino);
        p[i++].Value = origin is null ? DBNull.Value : origin.Size;
        p[i++].Value = origin is null ? DBNull.Value : origin.Mtime.Sec;
        p[i++].Value = origin is null ? DBNull.Value : origin.Mtime.Nsec;
        p[i++].Value = origin is null ? DBNull.Value : origin.Ctime.Sec;
        p[i++].Value = origin is null ? DBNull.Value : origin.Ctime.Nsec;
        p[i++].Value = OrNull(origin?.Sha256);
        p[i++].Value = OrNull(inode.SymlinkTarget);
        p[i++].Value = inode.Opaque ? 1L : 0L;
        p[i++].Value = OrNull(inode.Redirect);
        _upsertInode.ExecuteNonQuery();

        _deleteXattrs.Parameters[0].Value = ToDb(inode.Ino);
        _deleteXattrs.ExecuteNonQuery();
        foreach (var (name, value) in inode.Xattrs)
        {
            _insertXattr.Parameters[0].Value = ToDb(inode.Ino);
            _insertXattr.Parameters[1].Value = name;
            _insertXattr.Parameters[2].Value = value;
            _insertXattr.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes the inode row; its xattrs go with it (ON DELETE CASCADE).</summary>
    public void DropInode(ulong ino)
    {
        _deleteInode.Parameters[0].Value = ToDb(ino);
        _deleteInode.ExecuteNonQuery();
    }

    public void PutDentry(string path, ulong ino)
    {
        _upsertDentry.Parameters[0].Value = path;
        _upsertDentry.Parameters[1].Value = ToDb(ino);
        _upsertDentry.ExecuteNonQuery();
    }

    public void DropDentry(string path)
    {
        _deleteDentry.Parameters[0].Value = path;
        _deleteDentry.ExecuteNonQuery();
    }

    public void SetNextIno(ulong nextIno)
    {
        _setMeta.Parameters[0].Value = MetaKeys.NextIno;
        _setMeta.Parameters[1].Value = ToDb(nextIno);
        _setMeta.ExecuteNonQuery();
    }

    public void Journal(JournalEntry entry)
    {
        var p = _insertJournal.Parameters;
        p[0].Value = Clock.ToUnixNs(entry.Time);
        p[1].Value = (long)entry.Pid;
        p[2].Value = OrNull(entry.Exe);
        p[3].Value = OrNull(entry.Argv);
        p[4].Value = entry.Syscall;
        p[5].Value = entry.Path;
        p[6].Value = OrNull(entry.Path2);
        p[7].Value = (long)entry.Result;
        _insertJournal.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _all)
            command.Dispose();
    }

    /// <summary>u64 as SQLite's i64: the same 64 bits (inode numbers above 2^63 come back intact).</summary>
    internal static long ToDb(ulong value) => unchecked((long)value);

    internal static ulong FromDb(long value) => unchecked((ulong)value);

    private static object OrNull(string? value) => value is null ? DBNull.Value : value;

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter("$" + name, DBNull.Value));
        command.Prepare();
        return command;
    }
}
