// ujail's managed trampoline is a .NET process that execs the command. Its runtime used to make its diagnostics socket
// (dotnet-diagnostic-PID-KEY-socket) and debugger pipes (clr-debug-pipe-PID-KEY-in/out) in the caller's TMPDIR,
// natively, and the exec left them there: three host files per run, and a jailed .NET program that kept the
// trampoline's pid (bash execs its last command) found its own names taken. The trampoline now runs with
// DOTNET_EnableDiagnostics=0, and the command gets that variable back as the caller had it, set or unset.
// As root and as uid 65534. Also: neither trampoline (managed or native) makes a call the supervisor must answer.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class TrampolineLeavesNoTraceTests
{
    [RootTheory]
    [MemberData(nameof(TrampolineTests.Flavours), MemberType = typeof(TrampolineTests))]
    public void A_run_leaves_nothing_in_the_callers_TMPDIR(string trampoline, bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "tmpdir-" + trampoline);
        var tmp = Path.Combine(s.Root, "tmp");
        Expect.Succeeded(s.RunNative("mkdir", "-m", "0755", tmp), "mkdir of TMPDIR");
        var env = TrampolineTests.Pick(trampoline);
        env["TMPDIR"] = tmp;
        var r = s.Jailed(new[] { "/bin/sh", "-c", "echo ${DOTNET_EnableDiagnostics-unset}" }, env);
        Expect.Succeeded(r, "a jailed sh");
        Assert.Equal("unset\n", r.Stdout);
        var left = Directory.GetFileSystemEntries(tmp);
        Assert.True(left.Length == 0, "the run left host files in TMPDIR:\n" + string.Join('\n', left));
    }

    [RootFact]
    public void The_command_gets_the_callers_DOTNET_EnableDiagnostics_back()
    {
        using var s = new Scratch(false, "diagenv");
        var r = s.Jailed(new[] { "/bin/sh", "-c", "echo $DOTNET_EnableDiagnostics" },
            new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "1", ["UJAIL_TRAMPOLINE"] = "managed" });
        Expect.Succeeded(r, "a jailed sh");
        Assert.Equal("1\n", r.Stdout);
    }

    /// <summary>Between its filter and its exec the trampoline makes no call the supervisor must answer (each
    /// would cost a round trip, an open two cross-CPU wake-ups, at the start of every run; its runtime's first
    /// string hash used to open /dev/urandom). The trace of a static probe may hold only the probe's own calls:
    /// static glibc's readlink of /proc/self/exe and fstat of stdout, and the openat2 of the file it prints.</summary>
    [RootTheory]
    [MemberData(nameof(TrampolineTests.Flavours), MemberType = typeof(TrampolineTests))]
    public void The_trampoline_makes_no_supervised_call(string trampoline, bool unprivileged)
    {
        var probe = Probes.Executable("probe_openat2", ProbeVariant.Static);
        using var s = new Scratch(unprivileged, "quiettrampoline-" + trampoline);
        Expect.Succeeded(s.RunNative("/bin/sh", "-c", $"umask 022; mkdir -p '{s.Host}' && echo PLAIN > '{s.Host}/plain'"), "seeding the host dir");
        var trace = Path.Combine(s.Root, "run.trace");
        var r = Ujail.Run(new[] { "run", "--state", s.State, "--trace", trace, "--", probe, $"{s.Host}/plain" }, unprivileged,
            env: TrampolineTests.Pick(trampoline));
        Assert.True(r.ExitCode == 0 && r.Stdout == "PLAIN\n", "probe_openat2 under the jail: " + r);
        var lines = File.ReadAllLines(trace).Where(l => !l.StartsWith("landlock:", StringComparison.Ordinal)).ToList();
        var own = new[] { "readlink[", "openat2[", "newfstatat[" };
        var plain = $"\"{s.Host}/plain\"";
        var foreign = lines.Where(l => !own.Any(o => l.StartsWith(o, StringComparison.Ordinal))
            || (l.Contains('"') && !l.Contains("\"/proc/self/exe\"") && !l.Contains(plain))).ToList();
        Assert.True(foreign.Count == 0 && lines.Count(l => l.StartsWith("openat2[", StringComparison.Ordinal) && l.Contains(plain)) == 1,
            "the trace holds calls the static probe does not make:\n" + string.Join('\n', lines));
    }
}
