// probe_threads (8 threads creating, renaming and unlinking their own files; fork and vfork+exec in a loop)
// natively and under ujail in a seeded lower directory: the same summary line and exit status, the same
// resulting tree, and an unchanged host. Dynamic and static builds, as root and as uid 65534.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class ThreadsTests
{
    [RootTheory]
    [InlineData(ProbeVariant.Dynamic, false)]
    [InlineData(ProbeVariant.Static, false)]
    [InlineData(ProbeVariant.Dynamic, true)]
    [InlineData(ProbeVariant.Static, true)]
    public void Threads_and_forks_see_their_own_files(ProbeVariant variant, bool unprivileged)
    {
        var threads = Probes.Executable("probe_threads", variant);
        using var s = new Scratch(unprivileged, "threads");
        s.Seed(s.Native, s.Host);
        var before = s.Snapshot();

        var native = s.RunNative(threads, Path.Combine(s.Native, "dir"));
        Expect.Succeeded(native, "probe_threads natively");
        var jailed = s.Jailed(threads, Path.Combine(s.Host, "dir"));
        s.AssertHostUnchanged(before, jailed);
        Expect.SameRun(native, jailed, $"probe_threads ({variant})");
        s.AssertSameTree("probe_dump after probe_threads");
    }
}
