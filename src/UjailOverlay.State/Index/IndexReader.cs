// Reads index.db back into the core's records: the whole image (inodes with xattrs, dentries, next_ino) inside
// one read transaction so it is a single consistent snapshot, journal rows after a sequence number, and the
// counts `Info` reports.
using System.Collections.ObjectModel;
using Microsoft.Data.Sqlite;
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Schema;
using static UjailOverlay.State.Index.IndexStatements;

namespace UjailOverlay.State.Index;

internal static class IndexReader
{
    public static OverlayImage LoadImage(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var xattrs = LoadXattrs(connection, transaction);
        var inodes = new List<InodeRecord>();
        using (var command = Command(connection, transaction,
                   $"SELECT {string.Join(", ", InodeColumns)} FROM inodes ORDER BY ino"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                inodes.Add(ReadInode(reader, xattrs));
        }

        var dentries = new List<DentryRecord>();
        using (var command = Command(connection, transaction, "SELECT path, ino FROM dentries ORDER BY path"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                dentries.Add(new DentryRecord(reader.GetString(0), FromDb(reader.GetInt64(1))));
        }

        var nextIno = ReadMeta(connection, transaction, MetaKeys.NextIno) is long n ? FromDb(n) : OverlayImage.FirstUpperIno;
        transaction.Commit();
        return new OverlayImage(inodes, dentries, nextIno);
    }

    public static IEnumerable<JournalRow> Journal(SqliteConnection connection, long afterSeq)
    {
        using var command = Command(connection, null,
            "SELECT seq, time_ns, pid, exe, argv, syscall, path, path2, result FROM journal WHERE seq > $after ORDER BY seq");
        command.Parameters.AddWithValue("$after", afterSeq);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new JournalRow(reader.GetInt64(0), new JournalEntry(
                Clock.FromUnixNs(reader.GetInt64(1)),
                reader.GetInt32(2),
                NullableString(reader, 3),
                NullableString(reader, 4),
                reader.GetString(5),
                reader.GetString(6),
                NullableString(reader, 7),
                reader.GetInt32(8)));
        }
    }

    /// <summary>Inodes, live dentries, whiteouts, journal rows and the creation time, in one snapshot.</summary>
    public static (long Inodes, long Dentries, long Whiteouts, long JournalRows, DateTimeOffset Created) Counts(
        SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var inodes = Scalar(connection, transaction, "SELECT count(*) FROM inodes");
        var dentries = Scalar(connection, transaction, "SELECT count(*) FROM dentries WHERE ino <> 0");
        var whiteouts = Scalar(connection, transaction, "SELECT count(*) FROM dentries WHERE ino = 0");
        var journal = Scalar(connection, transaction, "SELECT count(*) FROM journal");
        var created = ReadMeta(connection, transaction, MetaKeys.Created) is long ns ? Clock.FromUnixNs(ns) : DateTimeOffset.UnixEpoch;
        transaction.Commit();
        return (inodes, dentries, whiteouts, journal, created);
    }

    internal static object? ReadMeta(SqliteConnection connection, SqliteTransaction? transaction, string key)
    {
        using var command = Command(connection, transaction, "SELECT value FROM meta WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar();
    }

    private static Dictionary<ulong, Dictionary<string, byte[]>> LoadXattrs(SqliteConnection connection, SqliteTransaction transaction)
    {
        var all = new Dictionary<ulong, Dictionary<string, byte[]>>();
        using var command = Command(connection, transaction, "SELECT ino, name, value FROM xattrs ORDER BY ino, name");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var ino = FromDb(reader.GetInt64(0));
            if (!all.TryGetValue(ino, out var map))
                all[ino] = map = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            map[reader.GetString(1)] = (byte[])reader.GetValue(2);
        }
        return all;
    }

    private static InodeRecord ReadInode(SqliteDataReader r, Dictionary<ulong, Dictionary<string, byte[]>> xattrs)
    {
        var ino = FromDb(r.GetInt64(0));
        LowerIdentity? origin = r.IsDBNull(14)
            ? null
            : new LowerIdentity(
                FromDb(r.GetInt64(14)),
                FromDb(r.GetInt64(15)),
                r.GetInt64(16),
                new Timespec(r.GetInt64(17), r.GetInt64(18)),
                new Timespec(r.GetInt64(19), r.GetInt64(20)),
                NullableString(r, 21));
        return new InodeRecord(
            ino,
            (NodeType)(uint)r.GetInt64(1),
            (uint)r.GetInt64(2),
            (uint)r.GetInt64(3),
            (uint)r.GetInt64(4),
            FromDb(r.GetInt64(5)),
            new Timespec(r.GetInt64(6), r.GetInt64(7)),
            new Timespec(r.GetInt64(8), r.GetInt64(9)),
            new Timespec(r.GetInt64(10), r.GetInt64(11)),
            r.GetInt64(12) != 0,
            NullableString(r, 13),
            origin,
            NullableString(r, 22),
            r.GetInt64(23) != 0,
            NullableString(r, 24),
            xattrs.TryGetValue(ino, out var map) ? map : ReadOnlyDictionary<string, byte[]>.Empty);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
