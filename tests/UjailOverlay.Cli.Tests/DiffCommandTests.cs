// `ujail diff` end to end through CliApp.Run: every output format of a state with every kind of change
// (snapshots), exit codes, path filters, options reaching the engine, colour only on a terminal.
using Snapshooter.Xunit;
using UjailOverlay.Core.Tests.Fakes;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class DiffCommandTests
{
    private const string StateDir = "/var/lib/ujail/demo";

    [Fact]
    public void Lines_show_one_change_per_line_and_exit_1()
    {
        var result = Run(With(RichState.Build()), "diff", StateDir);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Error);
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void Stat_counts_kinds_and_bytes()
    {
        var result = Run(With(RichState.Build()), "diff", StateDir, "--stat");

        Assert.Equal(1, result.ExitCode);
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void Json_follows_schema_ujail_diff_1()
    {
        var result = Run(With(RichState.Build()), "diff", StateDir, "--json");

        Assert.Equal(1, result.ExitCode);
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void Expand_and_times_reach_the_engine()
    {
        var state = RichState.Build();
        state.Edit("/usr/bin/tool", i => i with { Mtime = i.Mtime with { Nsec = 5 } });

        var result = Run(With(state), "diff", StateDir, "--expand", "--times", "/etc/ssl", "usr");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "D  /etc/ssl\n" +
            "D  /etc/ssl/cert.pem\n" +
            "D  /etc/ssl/private\n" +
            "D  /etc/ssl/private/key\n" +
            "m  /usr/bin/tool (mode 0755 -> 4755, owner 0 -> 1000, mtime 2023-11-14T22:13:45.000000000Z -> 2023-11-14T22:13:45.000000005Z)\n",
            result.Out);
    }

    [Fact]
    public void No_changes_print_nothing_and_exit_0()
    {
        var state = new FakeState(new FakeLowerLayer().AddFile("/etc/hosts", "x"));
        state.CopyUp("/etc/hosts");

        var result = Run(With(state), "diff", StateDir);

        Assert.Equal((0, "", ""), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public void No_changes_in_json_is_an_empty_list_and_exit_0()
    {
        var result = Run(With(new FakeState()), "diff", StateDir, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"changes\": []", result.Out);
        Assert.Contains("\"total\": 0", result.Out);
    }

    [Fact]
    public void A_filter_that_matches_nothing_exits_0()
    {
        var result = Run(With(RichState.Build()), "diff", StateDir, "/srv");

        Assert.Equal((0, ""), (result.ExitCode, result.Out));
    }

    [Fact]
    public void A_path_starting_with_a_dash_goes_after_double_dash()
    {
        var state = new FakeState();
        state.CreateFile("/-odd", "x");

        var result = Run(With(state), "diff", StateDir, "--", "-odd");

        Assert.Equal((1, "A  /-odd\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public void The_state_is_released_after_the_diff()
    {
        var source = new FakeDiffSource(StateDir, RichState.Build());

        Run(new CliServices { DiffSource = () => source }, "diff", StateDir);

        Assert.Equal((1, 1), (source.Opened, source.Released));
    }

    [Fact]
    public void Markers_are_coloured_on_a_terminal_only()
    {
        var terminal = Run(With(RichState.Build()), true, "diff", StateDir);
        var pipe = Run(With(RichState.Build()), false, "diff", StateDir);

        Assert.Contains("\e[32mA\e[0m  /opt", terminal.Out);
        Assert.Contains("\e[31mD\e[0m  /etc/motd", terminal.Out);
        Assert.DoesNotContain("\e[", pipe.Out);
    }

    [Fact]
    public void Stat_is_a_table_on_a_terminal()
    {
        var result = Run(With(RichState.Build()), true, "diff", StateDir, "--stat");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("╭", result.Out);
        Assert.Contains("metadata only", result.Out);
    }

    [Fact]
    public void An_unknown_state_is_one_line_with_its_exit_code()
    {
        var result = Run(With(RichState.Build()), "diff", "/nope");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("ujail: /nope: no such state directory\n", result.Error);
        Assert.Equal("", result.Out);
    }
}
