// What a model run needs to know about its environment, read once: who runs it, where its temp trees go,
// whether that file system keeps user.* xattrs, and the sizes asked for.
//   UJAIL_MODEL_ITER  sequences per run (default 300)
//   UJAIL_MODEL_OPS   minimum operations per sequence (default 30; each has up to twice that)
//   UJAIL_MODEL_SEED  a CsCheck seed to replay
//   UJAIL_MODEL_TMP   where the temp trees go; default /dev/shm when writable (tmpfs: five times faster than
//                     ext4 here, where journal waits dominate), else the system temp dir
namespace UjailOverlay.Core.Tests.Model;

internal sealed record ModelSettings(Identity Who, string TempRoot, bool Xattrs, int Iterations, int MinOps, string? Seed)
{
    public static ModelSettings FromEnvironment()
    {
        var tmp = Environment.GetEnvironmentVariable("UJAIL_MODEL_TMP") is { Length: > 0 } t ? t
            : Writable("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        return new ModelSettings(Identity.Current(), tmp, SeedTree.SupportsUserXattrs(tmp),
            Int("UJAIL_MODEL_ITER", 300), Int("UJAIL_MODEL_OPS", 30), Environment.GetEnvironmentVariable("UJAIL_MODEL_SEED"));
    }

    /// <summary>A fresh directory for one iteration's trees.</summary>
    public string NewTempDir(string prefix) =>
        Directory.CreateDirectory(Path.Combine(TempRoot, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    public override string ToString() =>
        $"{Who}; temp trees in {TempRoot}; user xattrs {(Xattrs ? "on" : "off (the temp file system lacks them)")}";

    private static bool Writable(string dir)
    {
        if (!Directory.Exists(dir)) return false;
        try
        {
            var probe = Path.Combine(dir, "ujail-model-probe-" + Environment.ProcessId);
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}
