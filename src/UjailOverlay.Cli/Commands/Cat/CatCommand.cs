// `ujail cat STATE PATH`: the syntax only. Hands the state and path to CatAction.
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Cat;

internal static class CatCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Argument<string>("STATE") { Description = "The state directory" };
        var path = new Argument<string>("PATH") { Description = "The file in the jail's view (relative paths start at /)" };

        var command = new Command("cat", "Print a file's content as the state sees it, without running anything") { state, path };
        command.SetAction(parse => new CatAction(context).Run(parse.GetRequiredValue(state), parse.GetRequiredValue(path)));
        return command;
    }
}
