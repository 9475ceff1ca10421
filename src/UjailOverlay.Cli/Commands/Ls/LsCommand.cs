// `ujail ls STATE [PATH] [-l] [-a]`: the syntax only. Turns a parse into an LsRequest and hands it to LsAction.
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Ls;

internal static class LsCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Argument<string>("STATE") { Description = "The state directory" };
        var path = new Argument<string?>("PATH")
        {
            Description = "What to list in the jail's view (default /; relative paths start at /)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var longFormat = new Option<bool>("-l") { Description = "Long format: mode, links, owner, group, size, mtime (UTC), name" };
        var all = new Option<bool>("--all", "-a") { Description = "Also show names starting with '.', and . and .." };

        var command = new Command("ls", "List a directory of a state's merged view, without running anything")
        {
            state, path, longFormat, all,
        };
        command.SetAction(parse => new LsAction(context).Run(new LsRequest(
            parse.GetRequiredValue(state), parse.GetValue(path), parse.GetValue(longFormat), parse.GetValue(all))));
        return command;
    }
}

internal sealed record LsRequest(string StateDir, string? Path, bool Long, bool All);
