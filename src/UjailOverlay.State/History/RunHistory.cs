// The run history: table runs of the index (schema 2, SchemaV2.cs). A writable state writes through its own
// read-write connection (a run's record is one INSERT, no file of its own to open, sync and close); reads go
// through that connection or a short-lived read-only one. A version-1 directory opened read-only still has
// its history in history.db (LegacyRunHistory); the first writable open imports it (ImportLegacy).
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UjailOverlay.State.Schema;

namespace UjailOverlay.State;

public sealed class RunHistory
{
    private readonly string _legacyPath;
    private readonly SqliteConnection? _writer;
    private readonly Func<Func<SqliteConnection, SortedDictionary<long, RunRecord>>, SortedDictionary<long, RunRecord>> _read;
    private readonly int _schemaVersion;

    /// <param name="read">The state's eager read (StateDirectory.Read: the writer's connection, or a read-only one).</param>
    internal RunHistory(string stateDir, SqliteConnection? writer,
        Func<Func<SqliteConnection, SortedDictionary<long, RunRecord>>, SortedDictionary<long, RunRecord>> read, int schemaVersion)
    {
        _legacyPath = Path.Combine(stateDir, LegacyRunHistory.FileName);
        _writer = writer;
        _read = read;
        _schemaVersion = schemaVersion;
    }

    /// <summary>Stores a new run and returns its id.</summary>
    public long Begin(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var writer = Writer();
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO runs(command, cwd, user, uid, start_ns, end_ns, exit, calls, changes)
            VALUES ($command, $cwd, $user, $uid, $start, $end, $exit, $calls, $changes);
            SELECT last_insert_rowid();
            """;
        Bind(command, run);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Records how run <paramref name="id"/> ended. Throws KeyNotFoundException for an unknown id.</summary>
    public void End(long id, int exitStatus, RunCounts counts, DateTimeOffset? end = null)
    {
        using var command = Writer().CreateCommand();
        command.CommandText = "UPDATE runs SET end_ns = $end, exit = $exit, calls = $calls, changes = $changes WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$end", Clock.ToUnixNs(end ?? DateTimeOffset.UtcNow));
        command.Parameters.AddWithValue("$exit", exitStatus);
        command.Parameters.AddWithValue("$calls", counts.InterceptedCalls);
        command.Parameters.AddWithValue("$changes", counts.Changes);
        if (command.ExecuteNonQuery() == 0)
            throw new KeyNotFoundException($"no run {id} in the history of {Path.GetDirectoryName(_legacyPath)}");
    }

    /// <summary>Every run, oldest first: the index's, and a history.db's not imported yet.</summary>
    public IReadOnlyList<RunRecord> All()
    {
        var runs = _schemaVersion >= SchemaV2.Version ? _read(ReadAll) : new SortedDictionary<long, RunRecord>();
        foreach (var legacy in LegacyRunHistory.Read(_legacyPath))
            runs.TryAdd(legacy.Id, legacy); // an import cut short before the file was removed: the index wins
        return runs.Values.ToList();
    }

    public long Count() => All().Count;

    /// <summary>Moves a version-1 history.db into the runs table (same ids), makes that durable, then removes
    /// the file. Run again after a crash in between, it inserts nothing twice.</summary>
    internal static void ImportLegacy(string stateDir, SqliteConnection writer)
    {
        var path = Path.Combine(stateDir, LegacyRunHistory.FileName);
        if (!File.Exists(path))
            return;
        var runs = LegacyRunHistory.Read(path);
        using (var transaction = writer.BeginTransaction(deferred: false))
        {
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR IGNORE INTO runs(id, command, cwd, user, uid, start_ns, end_ns, exit, calls, changes)
                VALUES ($id, $command, $cwd, $user, $uid, $start, $end, $exit, $calls, $changes)
                """;
            foreach (var run in runs)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$id", run.Id);
                Bind(command, run);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        using (var checkpoint = writer.CreateCommand())
        {
            // synchronous=NORMAL does not sync a WAL commit; the checkpoint writes and syncs the main file.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(FULL)";
            checkpoint.ExecuteNonQuery();
        }
        File.Delete(path);
        File.Delete(Path.Combine(stateDir, LegacyRunHistory.LogFileName));
    }

    private SqliteConnection Writer() =>
        _writer ?? throw new InvalidOperationException($"the run history of {Path.GetDirectoryName(_legacyPath)} was opened read-only");

    private static void Bind(SqliteCommand command, RunRecord run)
    {
        command.Parameters.AddWithValue("$command", CommandJson(run.Command));
        command.Parameters.AddWithValue("$cwd", run.Cwd);
        command.Parameters.AddWithValue("$user", run.User);
        command.Parameters.AddWithValue("$uid", (long)run.Uid);
        command.Parameters.AddWithValue("$start", Clock.ToUnixNs(run.Start));
        command.Parameters.AddWithValue("$end", run.End is { } end ? Clock.ToUnixNs(end) : DBNull.Value);
        command.Parameters.AddWithValue("$exit", run.ExitStatus is { } exit ? exit : DBNull.Value);
        command.Parameters.AddWithValue("$calls", run.Counts.InterceptedCalls);
        command.Parameters.AddWithValue("$changes", run.Counts.Changes);
    }

    private static SortedDictionary<long, RunRecord> ReadAll(SqliteConnection connection)
    {
        var runs = new SortedDictionary<long, RunRecord>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, command, cwd, user, uid, start_ns, end_ns, exit, calls, changes FROM runs ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs[reader.GetInt64(0)] = new RunRecord
            {
                Id = reader.GetInt64(0),
                Command = ParseCommand(reader.GetString(1)),
                Cwd = reader.GetString(2),
                User = reader.GetString(3),
                Uid = (uint)reader.GetInt64(4),
                Start = Clock.FromUnixNs(reader.GetInt64(5)),
                End = reader.IsDBNull(6) ? null : Clock.FromUnixNs(reader.GetInt64(6)),
                ExitStatus = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                Counts = new RunCounts(reader.GetInt64(8), reader.GetInt64(9)),
            };
        }
        return runs;
    }

    /// <summary>argv as a JSON array of strings. Written by hand: Utf8JsonWriter's default encoder builds its
    /// escaping tables on first use, a measurable part of every run's start-up. Only what JSON requires is
    /// escaped (quote, backslash, control characters); an unpaired surrogate, which no argv decoded from bytes
    /// holds, becomes U+FFFD.</summary>
    internal static string CommandJson(IReadOnlyList<string> argv)
    {
        var json = new StringBuilder("[");
        for (var a = 0; a < argv.Count; a++)
        {
            if (a > 0) json.Append(',');
            json.Append('"');
            var arg = argv[a];
            for (var i = 0; i < arg.Length; i++)
            {
                var c = arg[i];
                if (c == '"' || c == '\\')
                    json.Append('\\').Append(c);
                else if (c < 0x20)
                    json.Append("\\u").Append(((int)c).ToString("x4"));
                else if (char.IsHighSurrogate(c) && i + 1 < arg.Length && char.IsLowSurrogate(arg[i + 1]))
                    json.Append(c).Append(arg[++i]);
                else if (char.IsSurrogate(c))
                    json.Append('\uFFFD');
                else
                    json.Append(c);
            }
            json.Append('"');
        }
        return json.Append(']').ToString();
    }

    private static string[] ParseCommand(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
    }
}
