// probe_ops (fixtures/probes/probe_ops.c) natively on ROOT/native and under ujail on ROOT/host, both seeded by
// probe_seed: the jailed run prints exactly what the native run printed (every result, errno, content, mode,
// owner, link target, listing), exits the same, leaves the host byte- and metadata-identical, and leaves a tree
// (seen by probe_dump in a second jailed run) equal to the native result. A second pass on the same state must
// again match a second native pass: the state persisted. Each build variant (dynamic, static, raw syscalls), as
// root and as uid 65534.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class ProbeOpsTests
{
    [RootTheory]
    [InlineData(ProbeVariant.Dynamic, false)]
    [InlineData(ProbeVariant.Static, false)]
    [InlineData(ProbeVariant.Raw, false)]
    [InlineData(ProbeVariant.Dynamic, true)]
    [InlineData(ProbeVariant.Static, true)]
    [InlineData(ProbeVariant.Raw, true)]
    public void File_operations_under_the_jail_match_native_and_never_touch_the_host(ProbeVariant variant, bool unprivileged)
    {
        var ops = Probes.Executable("probe_ops", variant);
        using var s = new Scratch(unprivileged, "ops");
        s.Seed(s.Native, s.Host);
        var before = s.Snapshot();

        var native1 = s.RunNative(ops, s.Native);
        Expect.Succeeded(native1, "probe_ops natively");
        var jailed1 = s.Jailed(ops, s.Host);
        s.AssertHostUnchanged(before, jailed1);
        Expect.SameRun(native1, jailed1, $"probe_ops ({variant}), first pass");
        s.AssertSameTree("probe_dump after the first pass (a second jailed run on the same state)");

        var native2 = s.RunNative(ops, s.Native);
        Assert.NotEqual(native1.Stdout, native2.Stdout); // the second pass sees the first pass's changes
        var jailed2 = s.Jailed(ops, s.Host);
        s.AssertHostUnchanged(before, jailed2);
        Expect.SameRun(native2, jailed2, $"probe_ops ({variant}), second pass on the same state");
        s.AssertSameTree("probe_dump after the second pass");
        Assert.True(Directory.Exists(s.State), "the state directory was not created: " + s.State);
    }
}
