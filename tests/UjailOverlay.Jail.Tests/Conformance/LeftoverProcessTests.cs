// A run lasts as long as its command: processes the command leaves running (a build server such as MSBuild's
// nodes or the C# compiler server, a daemon a post-install script starts, `sleep 600 &`) are killed when it
// exits, and ujail returns the command's own status at once. Before this, the tracer waited for every traced
// task, so `dotnet build` under the jail held the run open for the compiler server's 10-minute idle timeout.
// Covers a plain background child, a stopped one, one in its own session that keeps forking, and an exit
// status that is not 0. As root and as uid 65534.
using System.Diagnostics;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class LeftoverProcessTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Processes_left_running_by_the_command_are_killed_when_it_exits(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "leftover");
        var watch = Stopwatch.StartNew();
        var r = s.Jailed("/bin/bash", "-c", """
            sleep 600 & echo "plain $!"
            sleep 600 & kill -STOP $!; echo "stopped $!"
            setsid /bin/bash -c 'while :; do sleep 1; done' </dev/null >/dev/null 2>&1 & echo "forking $!"
            exit 3
            """);
        var seconds = watch.Elapsed.TotalSeconds;

        Assert.True(r.ExitCode == 3, "the command's exit status should come back\n" + r);
        Assert.True(seconds < 60, $"ujail returned after {seconds:F0} s: it waited for the leftover processes\n{r}");
        foreach (var line in r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var pid = line.Split(' ')[1];
            Assert.False(Directory.Exists("/proc/" + pid) && !IsGoneOrReused(pid, line),
                $"the leftover process '{line}' still runs after ujail returned");
        }
    }

    /// <summary>True when /proc/PID is no longer the process we started (the pid was reused by another program).</summary>
    private static bool IsGoneOrReused(string pid, string line)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return !(cmdline.StartsWith("sleep 600") || cmdline.Contains("while :"));
        }
        catch (IOException) { return true; }
    }
}
