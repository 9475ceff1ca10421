// One conformance test's temp tree: ROOT/native (the native run's copy), ROOT/host (what the jailed run sees as
// the host, and must never change) and ROOT/state (the state directory, created by ujail). In the unprivileged
// flavour ROOT belongs to uid 65534 and the trees are seeded by that user, so file permissions never do the
// jail's job. A host snapshot is the HostFingerprint (times, inodes, owners, hashes) plus a probe_dump read by
// root (user.* xattrs and FIFOs, which the fingerprint would block on).
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed record HostSnapshot(string Fingerprint, string Dump);

public sealed class Scratch : IDisposable
{
    public string Root { get; }
    public string Native => Path.Combine(Root, "native");
    public string Host => Path.Combine(Root, "host");
    public string State => Path.Combine(Root, "state");
    public bool Unprivileged { get; }

    public Scratch(bool unprivileged, string label)
    {
        Unprivileged = unprivileged;
        Root = Directory.CreateTempSubdirectory($"ujail-{label}-").FullName;
        Probes.Chmod("0755", Root);
        if (unprivileged) Expect.Succeeded(Sh.Run("chown", $"{Ujail.NobodyUid}:{Ujail.NobodyUid}", Root), "chown of the scratch root");
    }

    /// <summary>probe_seed in each directory, as the flavour's user.</summary>
    public void Seed(params string[] dirs)
    {
        foreach (var dir in dirs) Expect.Succeeded(RunNative(Probes.Executable("probe_seed"), dir), "probe_seed " + dir);
    }

    /// <summary>Runs ARGV natively as the flavour's user.</summary>
    public RunResult RunNative(params string[] argv) => Probes.RunNative(argv, Unprivileged);

    public RunResult RunNative(IEnumerable<string> argv, IDictionary<string, string>? env) => Probes.RunNative(argv, Unprivileged, env: env);

    /// <summary>`ujail run --state ROOT/state -- ARGV` as the flavour's user.</summary>
    public RunResult Jailed(params string[] argv) => Jailed(argv, null);

    public RunResult Jailed(IEnumerable<string> argv, IDictionary<string, string>? env) =>
        Ujail.Run(new[] { "run", "--state", State, "--" }.Concat(argv), Unprivileged, env: env);

    public HostSnapshot Snapshot() => Snapshot(Host);

    public static HostSnapshot Snapshot(string dir)
    {
        Assert.True(new[] { "/usr/bin/getfattr", "/bin/getfattr" }.Any(File.Exists),
            "getfattr is not installed: HostFingerprint reads xattrs with it. Install the attr package (CI must too).");
        var dump = Probes.RunNative(new[] { Probes.Executable("probe_dump"), dir }, unprivileged: false);
        Expect.Succeeded(dump, "probe_dump of the host tree");
        // HostFingerprint opens every non-directory to hash it and would block forever on a FIFO; the dump says
        // which entries are FIFOs (the seeds have none, so one on the host is itself a difference).
        var fifos = dump.Stdout.Split('\n').Where(l => l.Split(' ') is [_, "fifo", ..]).ToList();
        var fingerprint = fifos.Count == 0 ? HostFingerprint.Take(dir)
            : "not taken: FIFOs in the tree would block HostFingerprint:\n" + string.Join('\n', fifos);
        return new HostSnapshot(fingerprint, dump.Stdout);
    }

    /// <summary>The host tree is byte- and metadata-identical to BEFORE; RUN (the jailed run) is shown if not.</summary>
    public void AssertHostUnchanged(HostSnapshot before, RunResult? run = null)
    {
        var after = Snapshot();
        var fingerprint = HostFingerprint.Difference(before.Fingerprint, after.Fingerprint);
        if (fingerprint is null && before.Dump == after.Dump) return;
        Assert.Fail("THE HOST CHANGED under " + Host + "\n" +
                    (fingerprint is null ? "" : $"first fingerprint difference:\n{fingerprint}\n") +
                    (before.Dump == after.Dump ? "" : $"probe_dump (- before, + after):\n{Expect.LineDiff(before.Dump, after.Dump)}\n") +
                    (run is null ? "" : $"--- the jailed run: exit {run.ExitCode}\n{Expect.Tail(run.Stdout, 80)}\n--- its stderr\n{Expect.Tail(run.Stderr)}"));
    }

    /// <summary>probe_dump of the native copy equals probe_dump of the host as the jail shows it (a new ujail run
    /// on the same state): the jailed program left the same tree the native one did.</summary>
    public void AssertSameTree(string what)
    {
        var dump = Probes.Executable("probe_dump");
        var native = RunNative(dump, Native);
        Expect.Succeeded(native, "probe_dump of the native tree");
        Expect.SameRun(native, Jailed(dump, Host), what);
    }

    public void Dispose() => Sh.Run("rm", "-rf", "--one-file-system", Root);
}
