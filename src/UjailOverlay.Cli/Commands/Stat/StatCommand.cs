// `ujail stat STATE PATH [-L] [--json]`: the syntax only. Turns a parse into a StatRequest for StatAction.
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Stat;

internal static class StatCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Argument<string>("STATE") { Description = "The state directory" };
        var path = new Argument<string>("PATH") { Description = "The object in the jail's view (relative paths start at /)" };
        var dereference = new Option<bool>("--dereference", "-L") { Description = "Follow a final symlink (default: show the link itself, as stat(1))" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output (schema ujail-stat/1, see docs/cli.md)" };

        var command = new Command("stat", "Show an object's metadata as the state sees it, without running anything")
        {
            state, path, dereference, json,
        };
        command.SetAction(parse => new StatAction(context).Run(new StatRequest(
            parse.GetRequiredValue(state), parse.GetRequiredValue(path), parse.GetValue(dereference), parse.GetValue(json))));
        return command;
    }
}

internal sealed record StatRequest(string StateDir, string Path, bool Dereference, bool Json);
