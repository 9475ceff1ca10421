// `ujail syscalls` through CliApp.Run: the table from SyscallReport (one row per entry, filters by family and
// support level, a summary line of counts), the JSON as SyscallReport.ToJson, a table on a terminal.
using UjailOverlay.Cli.Commands.Syscalls;
using UjailOverlay.Jail.Syscalls;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class SyscallsCommandTests
{
    [Fact]
    public void Lists_every_entry_then_the_counts()
    {
        var result = Run("syscalls");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^ *nr +name +family +support +errno +note$", lines[0]);
        Assert.Equal(SyscallTable.All.Count + 2, lines.Length);
        Assert.Matches(@"^ +2  open +File +Emulated +path resolved through the overlay", lines[3]);
        Assert.Equal(SyscallsAction.Summary(SyscallReport.Counts(SyscallTable.All)), lines[^1]);
        Assert.Matches(@"^\d+ syscalls: \d+ passed through, \d+ emulated, \d+ traced, \d+ denied, \d+ conditional$", lines[^1]);
    }

    [Fact]
    public void Denied_rows_name_their_errno_and_conditional_rows_their_rules()
    {
        var denied = SyscallTable.All.First(e => e.Support == SupportLevel.Denied);
        var conditional = SyscallTable.All.First(e => e.Support == SupportLevel.Conditional);

        var output = Run("syscalls").Out;

        Assert.Matches($@"(?m)^ *{denied.Number}  {denied.Name} +{denied.Family} +Denied +{SyscallErrno.Name(denied.DenyErrno)} ", output);
        Assert.Matches($@"(?m)^ *{conditional.Number}  {conditional.Name} .*\[rules: .+\]$", output);
    }

    [Fact]
    public void Filters_by_family_and_support_level_in_any_case()
    {
        var result = Run("syscalls", "--family", "xattr", "--support", "EMULATED");

        var expected = SyscallTable.All.Where(e => e.Family == SyscallFamily.Xattr && e.Support == SupportLevel.Emulated).ToList();
        var rows = result.Out.TrimEnd('\n').Split('\n')[1..^1];
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.Select(e => e.Name), rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.EndsWith($"{expected.Count} syscalls: 0 passed through, {expected.Count} emulated, 0 traced, 0 denied, 0 conditional\n", result.Out);
    }

    [Fact]
    public void Json_is_the_reports_own()
    {
        var all = Run("syscalls", "--json");
        var denied = Run("syscalls", "--json", "--support", "denied");

        Assert.Equal(SyscallReport.ToJson(SyscallTable.All) + "\n", all.Out);
        Assert.Equal(SyscallReport.ToJson(SyscallTable.All.Where(e => e.Support == SupportLevel.Denied).ToList()) + "\n", denied.Out);
    }

    [Fact]
    public void A_terminal_gets_a_table()
    {
        var result = Run(new CliServices(), true, "syscalls", "--family", "Exec");

        Assert.Contains("╭", result.Out);
        Assert.Contains("execve", result.Out);
    }

    [Theory]
    [InlineData("--family", "bogus", "ujail: --family 'bogus' is not one of: File, Directory, Metadata, Xattr, Exec, Process, Memory, Signal, Socket, Ipc, Time, Mount, Namespace, Module, System, Io, Other. Try 'ujail syscalls --help'.\n")]
    [InlineData("--support", "3", "ujail: --support '3' is not one of: PassedThrough, Emulated, Traced, Denied, Conditional. Try 'ujail syscalls --help'.\n")]
    public void An_unknown_name_is_a_usage_error_listing_the_valid_ones(string option, string value, string expected)
    {
        var result = Run("syscalls", option, value);

        Assert.Equal((2, expected), (result.ExitCode, result.Error));
    }
}
