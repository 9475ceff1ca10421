// `ujail syscalls [--json] [--family F] [--support S]`: the syntax only. Family and support level are the
// table's own enum names (case-insensitive); a wrong one is a usage error that lists the valid ones.
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Cli.Commands.Syscalls;

internal static class SyscallsCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "The report as JSON: every row, then the counts" };
        var family = EnumOption.Create<SyscallFamily>("--family", "FAMILY", "Only syscalls of this family");
        var support = EnumOption.Create<SupportLevel>("--support", "LEVEL", "Only syscalls with this support level");

        var command = new Command("syscalls", "Show how the jail treats each x86_64 syscall (the seccomp table)")
        {
            json, family, support,
        };
        command.SetAction(parse => new SyscallsAction(context).Run(parse.GetValue(family), parse.GetValue(support), parse.GetValue(json)));
        return command;
    }
}
