// probe_restart under the jail: the main thread creates, renames and removes files and directories while another
// thread signals it as fast as it can (a handler with SA_RESTART, as dpkg's SIGCHLD). Natively every call
// succeeds; a jail that has performed a call and then loses its answer to the signal makes the restarted call
// fail (EEXIST, ENOENT). The listener's WAIT_KILLABLE_RECV keeps a received call from being interrupted; without
// it this failed ~1,500 of 15,000 calls here (and dpkg -i, once in a while, with "unable to create
// '*.dpkg-new': File exists").
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class SignalRestartTests
{
    [RootTheory]
    [InlineData(ProbeVariant.Dynamic, false)]
    [InlineData(ProbeVariant.Static, false)]
    [InlineData(ProbeVariant.Dynamic, true)]
    public void Calls_interrupted_by_handled_signals_are_performed_exactly_once(ProbeVariant variant, bool unprivileged)
    {
        var probe = Probes.Executable("probe_restart", variant);
        using var s = new Scratch(unprivileged, "restart");
        Expect.Succeeded(s.RunNative("/bin/mkdir", "-p", s.Host, s.Native), "mkdir of the scratch dirs");
        var native = s.RunNative(probe, s.Native, "1000");
        Assert.True(native.ExitCode == 0 && native.Stdout.Contains("calls=5000 failed=0 "), "natively: " + native);
        var before = s.Snapshot();

        var jailed = s.Jailed(probe, s.Host, "1000");
        s.AssertHostUnchanged(before, jailed);
        Assert.True(jailed.ExitCode == 0 && jailed.Stdout.StartsWith("probe_restart:"), "probe_restart did not run to the end\n" + jailed);
        Assert.Contains("calls=5000 failed=0 ", jailed.Stdout);
        Assert.DoesNotContain("signals=0\n", jailed.Stdout);
    }
}
