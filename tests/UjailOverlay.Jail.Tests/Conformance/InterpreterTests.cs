// The program interpreter an ELF names (PT_INTERP) is opened by the kernel itself, on the host. The jail must load
// the overlay's file instead: one that exists only in the overlay (a package installing its own loader), one the
// overlay replaced (a libc6 upgrade writes a new ld.so beside its new libc), and none where the overlay removed
// it. probe_interp is built with -Wl,--dynamic-linker=HOST/ld.so and reports its argv, /proc/self/exe and the
// file mapped as its interpreter. As root and as uid 65534; the host must not change.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class InterpreterTests
{
    private const string SystemLoader = "/lib64/ld-linux-x86-64.so.2";

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_interpreter_that_exists_only_in_the_overlay_is_loaded_with_the_programs_own_argv(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "interp-new");
        var (loader, probe) = Build(s);
        var before = s.Snapshot();

        var run = s.Jailed("/bin/bash", "-c", $"cp {SystemLoader} {loader} && exec -a custom0 {probe} one 'two words'");
        Expect.Succeeded(run, "the probe whose interpreter the jailed shell just made");
        var facts = Facts(run.Stdout);
        Assert.Equal(["3", "custom0", "one", "two words", probe], [facts["argc"], facts["argv[0]"], facts["argv[1]"], facts["argv[2]"], facts["exe"]]);
        Assert.True(IsUpperCopyOf(s, loader, facts["interp"]), $"the interpreter mapped is not the overlay's {loader}\n{run}");
        s.AssertHostUnchanged(before, run);

        var again = s.Jailed(probe);
        Expect.Succeeded(again, "the probe in a second run on the same state");
        Assert.True(IsUpperCopyOf(s, loader, Facts(again.Stdout)["interp"]), "second run\n" + again);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_interpreter_replaced_in_the_overlay_is_the_one_loaded_and_an_untouched_one_stays_the_hosts(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "interp-replaced");
        var (loader, probe) = Build(s);
        Expect.Succeeded(s.RunNative("cp", SystemLoader, loader), "the host copy of the interpreter");
        var before = s.Snapshot();

        var untouched = s.Jailed(probe);
        Expect.Succeeded(untouched, "the probe with the host's interpreter");
        Assert.Equal(loader, Facts(untouched.Stdout)["interp"]);

        var replaced = s.Jailed("/bin/sh", "-c", $"cp {SystemLoader} {loader}.new && mv {loader}.new {loader} && exec {probe} x");
        Expect.Succeeded(replaced, "the probe after the jailed shell replaced its interpreter");
        var facts = Facts(replaced.Stdout);
        Assert.Equal(["2", probe, "x", probe], [facts["argc"], facts["argv[0]"], facts["argv[1]"], facts["exe"]]);
        Assert.True(IsUpperCopyOf(s, loader, facts["interp"]), $"the host's {loader} was loaded, not the overlay's\n{replaced}");
        s.AssertHostUnchanged(before, replaced);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_interpreter_removed_in_the_overlay_fails_the_exec_as_a_missing_one_does(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "interp-removed");
        var (loader, probe) = Build(s);
        Expect.Succeeded(s.RunNative("cp", SystemLoader, loader), "the host copy of the interpreter");
        var before = s.Snapshot();

        var run = s.Jailed("/bin/bash", "-c", $"rm {loader} && {probe}; echo \"status $?\"");
        Assert.DoesNotContain("argc", run.Stdout);
        Assert.Contains("status 127", run.Stdout); // bash: ENOENT from execve
        s.AssertHostUnchanged(before, run);
    }

    /// <summary>HOST/ld.so (not created here) and ROOT/probe_interp linked to use it.</summary>
    private static (string Loader, string Probe) Build(Scratch s)
    {
        Expect.Succeeded(s.RunNative("mkdir", s.Host), "mkdir of the host dir");
        var loader = Path.Combine(s.Host, "ld.so");
        return (loader, Probes.WithInterpreter("probe_interp", loader, s.Root));
    }

    /// <summary>The interpreter mapped is LOADER's file in the state's upper tree.</summary>
    private static bool IsUpperCopyOf(Scratch s, string loader, string mapped) =>
        mapped.StartsWith(Path.Combine(s.State, "upper") + "/", StringComparison.Ordinal) && mapped.EndsWith(loader, StringComparison.Ordinal);

    private static Dictionary<string, string> Facts(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
