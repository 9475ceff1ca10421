// A change the jailed program made is in the state's index soon after the program goes quiet, not only at the
// run's end: the index commits a batch every 2,048 calls or 50 ms of calls, and the idle timer commits what is
// left once the calls stop (IdleFlush). Checked the way a user loses it: the jailed shell writes a file, then
// sleeps; ujail is SIGKILLed a second later (a crash, the OOM killer, a closed terminal's kill); the next
// `ujail diff` must still list the file. As root and as uid 65534.
using System.Diagnostics;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class IdleFlushTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_change_made_before_the_command_went_quiet_survives_a_SIGKILL_of_ujail(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "idleflush");
        Expect.Succeeded(s.RunNative("mkdir", s.Host), "mkdir of the host dir");
        var target = Path.Combine(s.Host, "written-before-quiet.txt");

        var argv = new List<string>();
        if (unprivileged) argv.AddRange(Ujail.AsNobody);
        argv.AddRange(new[] { Ujail.Executable(unprivileged), "run", "--state", s.State, "--",
            "/bin/sh", "-c", $"echo kept > '{target}' && echo written && exec sleep 60" });
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var (k, v) in Ujail.Environment(unprivileged)) psi.Environment[k] = v;
        using var ujail = Process.Start(psi)!;
        try
        {
            var line = ujail.StandardOutput.ReadLineAsync();
            Assert.True(line.Wait(TimeSpan.FromSeconds(60)) && line.Result == "written",
                $"the jailed shell did not report its write (got '{(line.IsCompleted ? line.Result : "nothing")}')");
            Thread.Sleep(1000); // quiet for 20 idle periods: the batch must be committed by now
            ujail.Kill(); // SIGKILL: no flush at exit
            Assert.True(ujail.WaitForExit(30_000), "ujail did not die of SIGKILL");
        }
        finally
        {
            if (!ujail.HasExited) ujail.Kill(entireProcessTree: true);
        }

        Assert.False(File.Exists(target), "THE HOST CHANGED: the jailed write reached " + target);
        var diff = Ujail.Run(new[] { "diff", s.State }, unprivileged);
        Assert.True(diff.ExitCode == 1 && diff.Stdout.Contains("written-before-quiet.txt"), // 1: changes found
            "the change made a second before the SIGKILL is not in the state (the idle flush did not commit it)\n" + diff);
    }
}
