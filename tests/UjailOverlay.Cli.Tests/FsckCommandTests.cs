// `ujail fsck` through CliApp.Run with canned reports: one line per finding, the summary, and the exit code for
// clean (0), problems left (9), repaired (10), and a directory fsck could not check (the state error codes).
using UjailOverlay.Cli.Commands.Fsck;
using UjailOverlay.State;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class FsckCommandTests
{
    private const string StateDir = "/var/lib/ujail/demo";

    private static readonly FsckFinding Stray = new(FsckFindingKind.StrayUpper, "/opt/x", FsckAction.Adopt, "in upper/ but not in the index");
    private static readonly FsckFinding Missing = new(FsckFindingKind.MissingUpperContent, "/etc/hosts", FsckAction.DropDentry, "content missing from upper/");
    private static readonly FsckFinding Links = new(FsckFindingKind.HardLinkMismatch, "/a", FsckAction.None, "2 links in upper/, 1 in the index");

    [Fact]
    public void A_clean_state_says_so_and_exits_0()
    {
        var runner = new CannedFsck(new FsckReport(StateDir, [], false, []));

        var result = Run(Services(runner), "fsck", StateDir);

        Assert.Equal((0, $"{StateDir}: clean\n", ""), (result.ExitCode, result.Out, result.Error));
        Assert.Equal([(StateDir, false)], runner.Calls);
    }

    [Fact]
    public void Findings_are_one_line_each_and_exit_9_without_repair()
    {
        var result = Run(Services(new CannedFsck(new FsckReport(StateDir, [Missing, Stray], false, []))), "fsck", StateDir);

        Assert.Equal(9, result.ExitCode);
        Assert.Equal(
            "MissingUpperContent /etc/hosts: content missing from upper/ [DropDentry]\n" +
            "StrayUpper /opt/x: in upper/ but not in the index [Adopt]\n" +
            $"{StateDir}: 2 problems (1 damage, 1 left by an interrupted writer), not repaired; run 'ujail fsck --repair {StateDir}'\n",
            result.Out);
    }

    [Fact]
    public void Repair_reaches_the_runner_and_exits_10()
    {
        var runner = new CannedFsck(new FsckReport(StateDir, [Missing], true, []));

        var result = Run(Services(runner), "fsck", StateDir, "--repair");

        Assert.Equal(10, result.ExitCode);
        Assert.EndsWith($"{StateDir}: 1 problem, repaired\n", result.Out);
        Assert.Equal([(StateDir, true)], runner.Calls);
    }

    [Fact]
    public void Report_only_findings_keep_exit_9_after_repair()
    {
        var result = Run(Services(new CannedFsck(new FsckReport(StateDir, [Stray, Links], true, []))), "fsck", StateDir, "--repair");

        Assert.Equal(9, result.ExitCode);
        Assert.Contains("HardLinkMismatch /a: 2 links in upper/, 1 in the index [None]\n", result.Out);
        Assert.EndsWith("repaired except 1 that can only be reported\n", result.Out);
    }

    [Fact]
    public void Skipped_checks_are_listed()
    {
        var result = Run(Services(new CannedFsck(new FsckReport(StateDir, [], false, ["hard links: no upper tree given"]))), "fsck", StateDir);

        Assert.Equal((0, $"skipped: hard links: no upper tree given\n{StateDir}: clean\n"), (result.ExitCode, result.Out));
    }

    [Theory]
    [InlineData(FsckFindingKind.MarkerMissing, "no ujail-state marker: not a state directory; left alone", 4)]
    [InlineData(FsckFindingKind.NewerVersion, "state directory /var/lib/ujail/demo: format 9 is newer than this ujail", 6)]
    [InlineData(FsckFindingKind.IndexCorrupt, "state directory /var/lib/ujail/demo: index.db is not a database", 5)]
    [InlineData(FsckFindingKind.BadMarker, "state directory /var/lib/ujail/demo: marker is not 'ujail-state N'", 5)]
    public void A_directory_fsck_cannot_check_is_a_state_error(FsckFindingKind kind, string detail, int code)
    {
        var finding = new FsckFinding(kind, "", FsckAction.None, detail);

        var result = Run(Services(new CannedFsck(new FsckReport(StateDir, [finding], false, []))), "fsck", StateDir);

        Assert.Equal(code, result.ExitCode);
        Assert.Equal($"{kind} .: {detail} [None]\n{StateDir}: not checked\n", result.Out);
        var expected = detail.StartsWith("state directory ", StringComparison.Ordinal) ? detail : $"state directory {StateDir}: {detail}";
        Assert.Equal($"ujail: {expected}\n", result.Error);
    }

    [Fact]
    public void Without_wiring_fsck_says_so()
    {
        var result = Run("fsck", StateDir);

        Assert.Equal((70, "ujail: not wired: no IFsckRunner in this build (CliServices.Fsck)\n"), (result.ExitCode, result.Error));
    }

    private static CliServices Services(CannedFsck runner) => new() { Fsck = () => runner };

    private sealed class CannedFsck(FsckReport report) : IFsckRunner
    {
        public List<(string, bool)> Calls { get; } = [];

        public FsckReport Run(string stateDir, bool repair)
        {
            Calls.Add((stateDir, repair));
            return report;
        }
    }
}
