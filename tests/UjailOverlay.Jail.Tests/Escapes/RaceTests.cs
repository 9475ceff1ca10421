// probe_race under the jail: threads flip a path buffer (and an open_how, and an xattr value) between a scratch
// file and a host file while others open/truncate/chmod/unlink/rename/utime/setxattr/link/chown through it, by
// glibc and by raw syscalls (threat model rows 1 and 3). Whatever the race does, the host file and its
// directory must stay byte- and metadata-identical. As root with a root-owned 0644 host file, and as uid 65534
// with a host file owned by 65534 (so permissions would not stop a real write).
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Escapes;

public sealed class RaceTests
{
    [RootTheory]
    [InlineData(ProbeVariant.Dynamic, false)]
    [InlineData(ProbeVariant.Static, false)]
    [InlineData(ProbeVariant.Dynamic, true)]
    [InlineData(ProbeVariant.Static, true)]
    public void Racing_path_memory_never_reaches_the_host_file(ProbeVariant variant, bool unprivileged)
    {
        var race = Probes.Executable("probe_race", variant);
        using var s = new Scratch(unprivileged, "race");
        s.Seed(s.Host); // seeded by the flavour's user: victim.txt is 0644 and owned by root or by 65534
        var victim = Path.Combine(s.Host, "victim.txt");
        var owner = Sh.Run("stat", "-c", "%u %a", victim).Stdout.Trim();
        Assert.Equal(unprivileged ? $"{Ujail.NobodyUid} 644" : "0 644", owner);
        var before = s.Snapshot();

        // data.txt is raced by openat2 alone, so it stays an unchanged host file all run long.
        var jailed = s.Jailed(race, Path.Combine(s.Host, "dir"), victim, "20000", "10", Path.Combine(s.Host, "data.txt"));
        s.AssertHostUnchanged(before, jailed);
        Assert.True(Directory.Exists(s.State), "no state directory after the jailed run: " + s.State);
        Assert.True(jailed.ExitCode == 0 && jailed.Stdout.StartsWith("probe_race:"), "probe_race did not run to the end under the jail\n" + jailed);
    }
}
