// Index schema version 2: the run history moves into the index, as table `runs`. Version 1 kept it in
// history.db (LiteDB), whose open, insert and checkpoint cost 2.5-3.5 ms at the end of every `ujail run`
// (its expression engine's reflection-built tables under NativeAOT, and two fsyncs); a row in the index costs
// an INSERT beside the run's own changes. A version-1 directory's history.db is imported by its first writable
// open (LegacyRunHistory) and read as it is by read-only opens.
//
//   runs  id INTEGER PK (history.db's ids for imported runs, then the next ones) | command (JSON array of
//         strings) | cwd | user | uid | start_ns | end_ns? | exit? (null while running, or when the tracer died)
//         | calls | changes
using Microsoft.Data.Sqlite;

namespace UjailOverlay.State.Schema;

internal static class SchemaV2
{
    public const int Version = 2;

    /// <summary>Tables a version-2 index must have.</summary>
    public static readonly string[] Tables = [.. SchemaV1.Tables, "runs"];

    private const string CreateSql = """
        CREATE TABLE runs (
            id       INTEGER PRIMARY KEY,
            command  TEXT NOT NULL,
            cwd      TEXT NOT NULL,
            user     TEXT NOT NULL,
            uid      INTEGER NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns   INTEGER,
            exit     INTEGER,
            calls    INTEGER NOT NULL,
            changes  INTEGER NOT NULL
        ) STRICT;
        """;

    /// <summary>Step 1 -> 2: the runs table (the import of history.db needs the directory: StateDirectory).</summary>
    public static void Upgrade(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = CreateSql;
        create.ExecuteNonQuery();
    }
}
