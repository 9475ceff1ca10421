// `ujail fsck STATE [--repair]`: the syntax only. Hands the state and the flag to FsckCheckAction.
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Fsck;

internal static class FsckCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Argument<string>("STATE") { Description = "The state directory" };
        var repair = new Option<bool>("--repair") { Description = "Fix what can be fixed (takes the state's writer lock)" };

        var command = new Command("fsck", "Check a state directory; with --repair, fix what can be fixed")
        {
            state, repair,
        };
        command.SetAction(parse => new FsckCheckAction(context).Run(parse.GetRequiredValue(state), parse.GetValue(repair)));
        return command;
    }
}
