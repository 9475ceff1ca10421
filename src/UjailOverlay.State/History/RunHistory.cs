// The run history in history.db (LiteDB). Records are mapped to BsonDocuments by hand, not by BsonMapper's
// reflection, so nothing here depends on runtime code generation (NativeAOT, trimming). Times are stored as
// Int64 Unix nanoseconds (BSON dates keep only milliseconds).
// The database is opened for each operation and closed at once: LiteDB's direct mode holds its file
// exclusively while open, so a long-lived handle would keep `ujail log` out while a run is going on. A brief
// clash (two opens at the same instant) is retried. Writes happen only under the state directory's lock.
using LiteDB;

namespace UjailOverlay.State;

public sealed class RunHistory
{
    private const string Collection = "runs";
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(5);

    private readonly string _path;
    private readonly bool _writable;

    internal RunHistory(string path, bool writable)
    {
        _path = path;
        _writable = writable;
    }

    /// <summary>LiteDB keeps its write-ahead log beside the data file as NAME-log.EXT.</summary>
    internal static string LogFileName(string fileName) =>
        Path.GetFileNameWithoutExtension(fileName) + "-log" + Path.GetExtension(fileName);

    internal static void CreateFile(string path)
    {
        using var db = Open(path, readOnly: false);
        db.Checkpoint();
    }

    /// <summary>Stores a new run and returns its id.</summary>
    public long Begin(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        EnsureWritable();
        return WithDatabase(false, db => db.GetCollection(Collection, BsonAutoId.Int64).Insert(ToBson(run)).AsInt64);
    }

    /// <summary>Records how run <paramref name="id"/> ended. Throws KeyNotFoundException for an unknown id.</summary>
    public void End(long id, int exitStatus, RunCounts counts, DateTimeOffset? end = null)
    {
        EnsureWritable();
        WithDatabase(false, db =>
        {
            var runs = db.GetCollection(Collection, BsonAutoId.Int64);
            var doc = runs.FindById(id) ?? throw new KeyNotFoundException($"no run {id} in {_path}");
            doc["end_ns"] = ToNs(end ?? DateTimeOffset.UtcNow);
            doc["exit"] = exitStatus;
            doc["calls"] = counts.InterceptedCalls;
            doc["changes"] = counts.Changes;
            runs.Update(doc);
            return 0;
        });
    }

    /// <summary>Every run, oldest first. Empty when the history file does not exist.</summary>
    public IReadOnlyList<RunRecord> All()
    {
        if (!File.Exists(_path))
            return [];
        return WithDatabase(!_writable, db => db.GetCollection(Collection, BsonAutoId.Int64)
            .FindAll().Select(FromBson).OrderBy(r => r.Id).ToList());
    }

    public long Count() => File.Exists(_path)
        ? WithDatabase(!_writable, db => (long)db.GetCollection(Collection, BsonAutoId.Int64).Count())
        : 0;

    private void EnsureWritable()
    {
        if (!_writable)
            throw new InvalidOperationException($"run history {_path} was opened read-only");
    }

    private T WithDatabase<T>(bool readOnly, Func<LiteDatabase, T> action)
    {
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                using var db = Open(_path, readOnly);
                return action(db);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // another process has the file open this instant
            }
        }
    }

    private static LiteDatabase Open(string path, bool readOnly) => new(new ConnectionString
    {
        Filename = path,
        Connection = ConnectionType.Direct,
        ReadOnly = readOnly,
    });

    private static BsonDocument ToBson(RunRecord run)
    {
        var doc = new BsonDocument
        {
            ["command"] = new BsonArray(run.Command.Select(a => new BsonValue(a))),
            ["cwd"] = run.Cwd,
            ["user"] = run.User,
            ["uid"] = (long)run.Uid,
            ["start_ns"] = ToNs(run.Start),
            ["end_ns"] = run.End is { } end ? ToNs(end) : BsonValue.Null,
            ["exit"] = run.ExitStatus is { } exit ? exit : BsonValue.Null,
            ["calls"] = run.Counts.InterceptedCalls,
            ["changes"] = run.Counts.Changes,
        };
        return doc;
    }

    private static RunRecord FromBson(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsInt64,
        Command = doc["command"].AsArray.Select(v => v.AsString).ToArray(),
        Cwd = doc["cwd"].AsString,
        User = doc["user"].AsString,
        Uid = (uint)doc["uid"].AsInt64,
        Start = FromNs(doc["start_ns"].AsInt64),
        End = doc["end_ns"].IsNull ? null : FromNs(doc["end_ns"].AsInt64),
        ExitStatus = doc["exit"].IsNull ? null : doc["exit"].AsInt32,
        Counts = new RunCounts(doc["calls"].AsInt64, doc["changes"].AsInt64),
    };

    private static long ToNs(DateTimeOffset t) => Schema.Clock.ToUnixNs(t);

    private static DateTimeOffset FromNs(long ns) => Schema.Clock.FromUnixNs(ns);
}
