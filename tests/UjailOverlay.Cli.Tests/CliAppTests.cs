// The command line around the verbs: help, version, usage errors (one line, exit 2), and error reporting (one
// line, a distinct exit code, a stack trace only with --debug).
using Snapshooter.Xunit;
using UjailOverlay.Cli.Commands.Diff;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public void Version_prints_name_and_version()
    {
        var result = Run("--version");

        Assert.Equal((0, "ujail 0.1.0\n", ""), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        var result = Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "run", "diff", "fsck", "state", "ls", "cat", "stat", "syscalls" })
            Assert.Matches($@"(?m)^  {verb}\b", result.Out);
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void State_help_lists_its_subcommands()
    {
        var result = Run("state", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "info", "history", "journal" })
            Assert.Matches($@"(?m)^  {verb} <STATE>", result.Out);
    }

    [Theory]
    [InlineData(new[] { "ls", "/s" }, "IMergedView", "MergedView")]
    [InlineData(new[] { "cat", "/s", "/etc/hosts" }, "IMergedView", "MergedView")]
    [InlineData(new[] { "stat", "/s", "/" }, "IMergedView", "MergedView")]
    [InlineData(new[] { "state", "info", "/s" }, "IStateReader", "StateReader")]
    [InlineData(new[] { "fsck", "/s" }, "IFsckRunner", "Fsck")]
    public void Without_wiring_each_verb_says_what_is_missing(string[] args, string service, string property)
    {
        var result = Run(args);

        Assert.Equal((70, $"ujail: not wired: no {service} in this build (CliServices.{property})\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public void Diff_help_shows_its_syntax()
    {
        var result = Run("diff", "--help");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(result.Out);
    }

    [Theory]
    [InlineData(new[] { "diff", "/s", "--bogus" }, "ujail: Unrecognized option '--bogus'. Try 'ujail diff --help'.")]
    [InlineData(new[] { "--bogus" }, "ujail: Unrecognized option '--bogus'. Try 'ujail --help'.")]
    [InlineData(new[] { "diff", "-x", "/s" }, "ujail: Unrecognized option '-x'. Try 'ujail diff --help'.")]
    [InlineData(new[] { "diff" }, "ujail: Required argument 'STATE' missing for command: 'diff'. Try 'ujail diff --help'.")]
    [InlineData(new string[0], "ujail: Required command was not provided. Try 'ujail --help'.")]
    [InlineData(new[] { "frobnicate" }, "ujail: Unrecognized command or argument 'frobnicate'. Try 'ujail --help'.")]
    [InlineData(new[] { "--version", "diff", "/s" }, "ujail: --version option cannot be combined with other arguments. Try 'ujail diff --help'.")]
    [InlineData(new[] { "ls", "/s", "--bogus" }, "ujail: Unrecognized option '--bogus'. Try 'ujail ls --help'.")]
    [InlineData(new[] { "cat", "/s" }, "ujail: Required argument 'PATH' missing for command: 'cat'. Try 'ujail cat --help'.")]
    [InlineData(new[] { "state", "frob", "/s" }, "ujail: Unrecognized command or argument 'frob'. Try 'ujail state --help'.")]
    [InlineData(new[] { "state", "journal", "/s", "--after", "x" }, "ujail: --after 'x' is not a sequence number (0 or more). Try 'ujail state journal --help'.")]
    public void A_usage_error_is_one_line_on_stderr_and_exit_2(string[] args, string expected)
    {
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void An_at_sign_is_a_path_not_a_response_file()
    {
        var result = Run(With(new Core.Tests.Fakes.FakeState(), "@state"), "diff", "@state");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
    }

    [Fact]
    public void Without_wiring_diff_says_so_and_exits_70()
    {
        var result = Run("diff", "/var/lib/ujail/demo");

        Assert.Equal(70, result.ExitCode);
        Assert.Equal("ujail: not wired: no IDiffSource in this build (CliServices.DiffSource)\n", result.Error);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_70()
    {
        var result = Run(Throwing(new InvalidOperationException("index row 7 has no path\nsecond line")), "diff", "/s");

        Assert.Equal(70, result.ExitCode);
        Assert.Equal("ujail: internal error: InvalidOperationException: index row 7 has no path second line " +
                     "(run with --debug for the stack trace)\n", result.Error);
    }

    [Fact]
    public void Debug_adds_the_stack_trace()
    {
        var result = Run(Throwing(new InvalidOperationException("boom")), "diff", "/s", "--debug");

        Assert.Equal(70, result.ExitCode);
        var lines = result.Error.Split('\n');
        Assert.Equal("ujail: internal error: InvalidOperationException: boom", lines[0]);
        Assert.StartsWith("System.InvalidOperationException: boom", lines[1]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Debug_is_accepted_before_the_verb_too()
    {
        var result = Run(Throwing(new CliException(ExitCode.StateLocked, "locked by pid 42")), "--debug", "diff", "/s");

        Assert.Equal(8, result.ExitCode);
        Assert.StartsWith("ujail: locked by pid 42\nUjailOverlay.Cli.CliException: locked by pid 42", result.Error);
    }

    [Fact]
    public void Translators_map_foreign_exceptions_to_exit_codes()
    {
        var services = Throwing(new UnauthorizedAccessException("/var/lib/ujail/demo/index.db"));
        services.ErrorTranslators.Add(ex => ex is UnauthorizedAccessException
            ? new CliException(ExitCode.StateUnreadable, $"cannot read {ex.Message}", ex)
            : null);

        var result = Run(services, "diff", "/s");

        Assert.Equal((7, "ujail: cannot read /var/lib/ujail/demo/index.db\n"), (result.ExitCode, result.Error));
    }

    private static CliServices Throwing(Exception exception) => new() { DiffSource = () => new ThrowingSource(exception) };

    private sealed class ThrowingSource(Exception exception) : IDiffSource
    {
        public DiffInput Open(string stateDir) => throw exception;
    }
}
