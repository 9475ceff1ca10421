// `ujail diff STATE [PATH...] [--json] [--stat] [--times] [--expand]`: the syntax only. Turns a parse into a
// DiffRequest and hands it to DiffAction.
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Diff;

internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Argument<string>("STATE") { Description = "The state directory" };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Only changes at or beneath these paths in the jail's view (relative ones start at /)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Machine-readable output (schema ujail-diff/1, see docs/diff-json.md)" };
        var stat = new Option<bool>("--stat") { Description = "Counts per kind of change and bytes, instead of one line per change" };
        var times = new Option<bool>("--times") { Description = "Also report files whose mtime differs" };
        var expand = new Option<bool>("--expand") { Description = "List every path beneath a deleted directory, not just the directory" };

        var command = new Command("diff", "Show what a state changes relative to the host as it is now")
        {
            state, paths, json, stat, times, expand,
        };
        command.SetAction(parse => new DiffAction(context).Run(new DiffRequest(
            parse.GetRequiredValue(state),
            parse.GetValue(paths) ?? Array.Empty<string>(),
            parse.GetValue(json) ? DiffFormat.Json : parse.GetValue(stat) ? DiffFormat.Stat : DiffFormat.Lines,
            parse.GetValue(times),
            parse.GetValue(expand))));
        return command;
    }
}

internal enum DiffFormat { Lines, Stat, Json }

internal sealed record DiffRequest(string StateDir, IReadOnlyList<string> Paths, DiffFormat Format, bool Times, bool Expand);
