// The run history as index schema 1 kept it: history.db, a LiteDB file of hand-mapped BsonDocuments (nothing
// depends on BsonMapper's reflection, so NativeAOT and trimming are safe). Only read now: by read-only opens
// of a version-1 directory, and by the first writable open, which imports it into the index (schema 2) and
// then removes it. Times are Int64 Unix nanoseconds (BSON dates keep only milliseconds).
using LiteDB;

namespace UjailOverlay.State;

internal static class LegacyRunHistory
{
    public const string FileName = "history.db";
    private const string Collection = "runs";
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(5);

    /// <summary>LiteDB keeps its write-ahead log beside the data file as NAME-log.EXT.</summary>
    public static string LogFileName => Path.GetFileNameWithoutExtension(FileName) + "-log" + Path.GetExtension(FileName);

    /// <summary>Every run in the file, oldest first; empty when there is no file.</summary>
    public static IReadOnlyList<RunRecord> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
                return db.GetCollection(Collection, BsonAutoId.Int64).FindAll().Select(FromBson).OrderBy(r => r.Id).ToList();
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // another process has the file open this instant
            }
        }
    }

    private static RunRecord FromBson(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsInt64,
        Command = doc["command"].AsArray.Select(v => v.AsString).ToArray(),
        Cwd = doc["cwd"].AsString,
        User = doc["user"].AsString,
        Uid = (uint)doc["uid"].AsInt64,
        Start = Schema.Clock.FromUnixNs(doc["start_ns"].AsInt64),
        End = doc["end_ns"].IsNull ? null : Schema.Clock.FromUnixNs(doc["end_ns"].AsInt64),
        ExitStatus = doc["exit"].IsNull ? null : doc["exit"].AsInt32,
        Counts = new RunCounts(doc["calls"].AsInt64, doc["changes"].AsInt64),
    };
}
