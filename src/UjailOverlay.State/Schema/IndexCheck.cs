// Looks at index.db before anything writes to it: SQLite magic, opens through an inspection connection (no
// files created when no WAL exists), schema version against this build, the version-1 tables and meta.format.
// Maps what it finds to StateErrorKind; it never migrates, checkpoints or writes.
using Microsoft.Data.Sqlite;

namespace UjailOverlay.State.Schema;

internal static class IndexCheck
{
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    // SQLite result codes (sqlite.org/rescode.html) that mean "this file is damaged or not a database".
    private const int SQLITE_CORRUPT = 11, SQLITE_NOTADB = 26;

    /// <summary>Returns the index's schema version or throws StateException naming <paramref name="stateDir"/>.</summary>
    public static int Inspect(string stateDir, string indexPath)
    {
        if (!File.Exists(indexPath))
            throw StateException.At(StateErrorKind.Corrupt, stateDir, "index.db is missing");
        try
        {
            if (!HasMagic(indexPath))
                throw StateException.At(StateErrorKind.Corrupt, stateDir, "index.db is not a SQLite database (bad magic)");
            using var connection = ConnectionFactory.OpenForInspection(indexPath);
            var version = Migrations.ReadVersion(connection);
            if (version > Migrations.CurrentVersion)
            {
                throw StateException.At(StateErrorKind.NewerVersion, stateDir,
                    $"index schema version {version} is newer than this build knows ({Migrations.CurrentVersion})");
            }
            if (version == 0)
                throw StateException.At(StateErrorKind.Corrupt, stateDir, "index.db has no schema (user_version 0)");
            CheckTables(connection, stateDir, version);
            return version;
        }
        catch (SqliteException e)
        {
            throw Translate(e, stateDir);
        }
        catch (UnauthorizedAccessException e)
        {
            throw StateException.At(StateErrorKind.Unreadable, stateDir, "index.db: permission denied", e);
        }
        catch (IOException e)
        {
            throw StateException.At(StateErrorKind.Unreadable, stateDir, $"index.db: {e.Message}", e);
        }
    }

    /// <summary>Damage (SQLITE_CORRUPT, SQLITE_NOTADB) is Corrupt; anything else SQLite reports is Unreadable.</summary>
    public static StateException Translate(SqliteException e, string stateDir) =>
        e.SqliteErrorCode is SQLITE_CORRUPT or SQLITE_NOTADB
            ? StateException.At(StateErrorKind.Corrupt, stateDir, $"index.db is unreadable: {e.Message}", e)
            : StateException.At(StateErrorKind.Unreadable, stateDir, $"index.db: {e.Message}", e);

    /// <summary>For a creation cut short: an index with no tables yet, or one already holding our schema.</summary>
    public static bool IsEmptyOrOurs(string indexPath)
    {
        try
        {
            if (new FileInfo(indexPath).Length == 0)
                return true;
            if (!HasMagic(indexPath))
                return false;
            using var connection = ConnectionFactory.OpenForInspection(indexPath);
            var version = Migrations.ReadVersion(connection);
            if (version == 0)
                return TableNames(connection).Count == 0;
            if (version > Migrations.CurrentVersion)
                return false;
            CheckTables(connection, indexPath, version);
            return true;
        }
        catch (Exception e) when (e is SqliteException or StateException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The tables the version must have, and meta.format (every version so far has version 1's meta).</summary>
    private static void CheckTables(SqliteConnection connection, string stateDir, int version)
    {
        var tables = TableNames(connection);
        var expected = version >= SchemaV2.Version ? SchemaV2.Tables : SchemaV1.Tables;
        var missing = expected.Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0)
            throw StateException.At(StateErrorKind.Corrupt, stateDir, $"index.db lacks table(s) {string.Join(", ", missing)}");

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", MetaKeys.Format);
        var format = command.ExecuteScalar();
        if (format is not long major || major != SchemaV1.FormatMajor)
            throw StateException.At(StateErrorKind.Corrupt, stateDir, $"index.db meta.format is {format ?? "missing"}, expected {SchemaV1.FormatMajor}");
    }

    private static HashSet<string> TableNames(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    private static bool HasMagic(string indexPath)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = new FileStream(indexPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
               && header.SequenceEqual(Magic);
    }
}
