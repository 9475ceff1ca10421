// `ujail state (info | history | journal) STATE ...`: the syntax only. `state` is a group: each subcommand
// turns its parse into a call of its action (StateInfoAction, StateHistoryAction, StateJournalAction).
using System.CommandLine;
using System.Globalization;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.State;

internal static class StateCommand
{
    public static Command Create(CliContext context) =>
        new("state", "Show what a state directory holds: summary, run history, operation journal")
        {
            Info(context), History(context), Journal(context),
        };

    private static Command Info(CliContext context)
    {
        var state = StateArgument();
        var json = JsonOption("ujail-state-info/1");
        var command = new Command("info", "Schema version, creation time, counts and upper tree size") { state, json };
        command.SetAction(parse => new StateInfoAction(context).Run(parse.GetRequiredValue(state), parse.GetValue(json)));
        return command;
    }

    private static Command History(CliContext context)
    {
        var state = StateArgument();
        var json = JsonOption("ujail-state-history/1");
        var command = new Command("history", "One line per run: id, start, end, exit status, counts, command") { state, json };
        command.SetAction(parse => new StateHistoryAction(context).Run(parse.GetRequiredValue(state), parse.GetValue(json)));
        return command;
    }

    private static Command Journal(CliContext context)
    {
        var state = StateArgument();
        var after = new Option<long>("--after")
        {
            Description = "Only rows with a sequence number above SEQ",
            HelpName = "SEQ",
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) return seq;
                result.AddError($"--after '{token}' is not a sequence number (0 or more).");
                return 0;
            },
        };
        var json = JsonOption("ujail-state-journal/1");
        var command = new Command("journal", "The operation journal: who did what to which path, and the result") { state, after, json };
        command.SetAction(parse => new StateJournalAction(context).Run(
            parse.GetRequiredValue(state), parse.GetValue(after), parse.GetValue(json)));
        return command;
    }

    private static Argument<string> StateArgument() => new("STATE") { Description = "The state directory" };

    private static Option<bool> JsonOption(string schema) =>
        new("--json") { Description = $"Machine-readable output (schema {schema}, see docs/cli.md)" };
}
