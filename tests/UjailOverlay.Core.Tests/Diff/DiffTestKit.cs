// Shared helpers for the diff tests: a small host tree most tests start from, Compute with defaults, and a
// one-line-per-change summary that keeps assertions readable.
using UjailOverlay.Core.Diff;
using UjailOverlay.Core.Tests.Fakes;
using Xunit;

namespace UjailOverlay.Core.Tests.Diff;

internal static class DiffTestKit
{
    /// <summary>/etc (hosts, passwd, motd, ssl/cert.pem, ssl/private/key), /usr/bin/tool, /bin -> usr/bin,
    /// /var/log/syslog, /dev/null, /run/fifo.</summary>
    public static FakeState StandardHost()
    {
        var lower = new FakeLowerLayer()
            .AddFile("/etc/hosts", "127.0.0.1 localhost\n")
            .AddFile("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .AddFile("/etc/motd", "welcome\n")
            .AddFile("/etc/ssl/cert.pem", "CERT")
            .AddFile("/etc/ssl/private/key", "KEY", perm: 0x180) // 0600
            .AddFile("/usr/bin/tool", "#!/bin/sh\n", perm: 0x1ED)
            .AddSymlink("/bin", "usr/bin")
            .AddFile("/var/log/syslog", "boot\n", uid: 0, gid: 4)
            .AddDevice("/dev/null", NodeType.CharDevice, rdev: 0x103)
            .AddFifo("/run/fifo");
        return new FakeState(lower);
    }

    public static IReadOnlyList<Change> Changes(FakeState state, DiffOptions? options = null) =>
        StateDiff.Compute(state.Image, state.Lower, state.Upper, options ?? DiffOptions.Default);

    public static string[] Summary(IEnumerable<Change> changes) =>
        changes.Select(c => c.Fields.Count == 0 ? $"{c.Kind} {c.Path}" : $"{c.Kind} {c.Path} [{string.Join(",", c.Fields)}]").ToArray();

    public static Change Single(IReadOnlyList<Change> changes, string path) =>
        Assert.Single(changes, c => c.Path == path);
}
