// ujail's trampoline is a .NET process that execs the command. Its runtime used to make its diagnostics socket
// (dotnet-diagnostic-PID-KEY-socket) and debugger pipes (clr-debug-pipe-PID-KEY-in/out) in the caller's TMPDIR,
// natively, and the exec left them there: three host files per run, and a jailed .NET program that kept the
// trampoline's pid (bash execs its last command) found its own names taken. The trampoline now runs with
// DOTNET_EnableDiagnostics=0, and the command gets that variable back as the caller had it, set or unset.
// As root and as uid 65534.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class TrampolineLeavesNoTraceTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_run_leaves_nothing_in_the_callers_TMPDIR(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "tmpdir");
        var tmp = Path.Combine(s.Root, "tmp");
        Expect.Succeeded(s.RunNative("mkdir", "-m", "0755", tmp), "mkdir of TMPDIR");
        var r = s.Jailed(new[] { "/bin/sh", "-c", "echo ${DOTNET_EnableDiagnostics-unset}" }, new Dictionary<string, string> { ["TMPDIR"] = tmp });
        Expect.Succeeded(r, "a jailed sh");
        Assert.Equal("unset\n", r.Stdout);
        var left = Directory.GetFileSystemEntries(tmp);
        Assert.True(left.Length == 0, "the run left host files in TMPDIR:\n" + string.Join('\n', left));
    }

    [RootFact]
    public void The_command_gets_the_callers_DOTNET_EnableDiagnostics_back()
    {
        using var s = new Scratch(false, "diagenv");
        var r = s.Jailed(new[] { "/bin/sh", "-c", "echo $DOTNET_EnableDiagnostics" }, new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "1" });
        Expect.Succeeded(r, "a jailed sh");
        Assert.Equal("1\n", r.Stdout);
    }
}
