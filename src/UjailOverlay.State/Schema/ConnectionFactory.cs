// The one place SQLite connections to index.db are opened, so every connection has the same pragmas.
//   ReadWrite:  journal_mode=WAL (readers never block the writer, and one fsync per commit), synchronous=NORMAL
//               (in WAL mode a power cut can lose the last commits but never corrupts), foreign_keys=ON
//               (xattrs cascade with their inode), busy_timeout.
//   ReadOnly:   Mode=ReadOnly with busy_timeout. SQLite creates -wal/-shm beside a WAL database it reads when
//               they are missing (and, being read-only, leaves them; the next writer's close removes them);
//               where it may not create them and no WAL exists, the read falls back to immutable=1.
//   Creation:   as ReadWrite with synchronous=OFF; the finished file is synced once by its creator.
//   Inspect:    for deciding whether a directory is ours before touching it. When no -wal/-shm exists the
//               database is opened immutable=1, which reads the file and creates, locks and writes nothing;
//               when they exist (a writer is live, or a crash left its WAL) it falls back to ReadOnly, since
//               the WAL holds committed data that must be read.
// Pooling is off: a pooled connection would keep the files open after Dispose, so the last close would not
// checkpoint and remove the WAL, and a "closed" state dir would still be in use.
using Microsoft.Data.Sqlite;

namespace UjailOverlay.State.Schema;

internal static class ConnectionFactory
{
    static ConnectionFactory() => NativeSqlite.PreferBundledLibrary();

    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    public static SqliteConnection OpenReadWrite(string dbPath) =>
        OpenWritable(dbPath, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");

    /// <summary>For making a new index: as ReadWrite but synchronous=OFF (set before the switch to WAL), so the
    /// creation (the switch to WAL, the schema, the close's checkpoint) makes none of SQLite's ~7 fsyncs. The
    /// caller syncs the finished file once (StateLayout.Create) before the marker declares the directory complete.</summary>
    public static SqliteConnection OpenForCreation(string dbPath) =>
        OpenWritable(dbPath, "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");

    private static SqliteConnection OpenWritable(string dbPath, string pragmas)
    {
        var connection = Open(new SqliteConnectionStringBuilder
        {
            DataSource = dbPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        });
        try
        {
            Execute(connection, pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private const int SQLITE_READONLY = 8, SQLITE_CANTOPEN = 14;

    public static SqliteConnection OpenReadOnly(string dbPath)
    {
        var connection = Open(new SqliteConnectionStringBuilder
        {
            DataSource = dbPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        });
        try
        {
            // SQLite opens the WAL index on the first read; do it now so a failure shows here.
            Execute(connection, "SELECT count(*) FROM sqlite_master");
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLITE_CANTOPEN or SQLITE_READONLY && !HasWal(dbPath))
        {
            // A directory this user may not write (another user's state dir, a read-only mount): SQLite cannot
            // make the -shm a WAL reader needs. With no WAL there is only the main file, which immutable reads.
            connection.Dispose();
            return OpenImmutable(dbPath);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static SqliteConnection OpenForInspection(string dbPath) =>
        HasWal(dbPath) ? OpenReadOnly(dbPath) : OpenImmutable(dbPath);

    private static bool HasWal(string dbPath) => File.Exists(dbPath + "-wal") || File.Exists(dbPath + "-shm");

    private static SqliteConnection OpenImmutable(string dbPath) => Open(new SqliteConnectionStringBuilder
    {
        DataSource = "file:" + EscapeUriPath(dbPath) + "?immutable=1",
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    });

    private static SqliteConnection Open(SqliteConnectionStringBuilder builder)
    {
        builder.DefaultTimeout = (int)BusyTimeout.TotalSeconds;
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Percent-encodes what a SQLite URI filename treats specially (RFC 3986 path, sqlite.org/uri.html).</summary>
    private static string EscapeUriPath(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length + 8);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~'))
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2"));
        }
        return builder.ToString();
    }
}
