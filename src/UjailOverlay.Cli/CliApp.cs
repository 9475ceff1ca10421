// `ujail`'s entry: builds the command tree, parses, reports a usage error as one line, runs the chosen action
// and maps whatever it throws to one line and an exit code (Infrastructure/ErrorReporter). No output goes
// anywhere but the injected console, and nothing here touches the host: verbs reach it through CliServices.
using System.CommandLine;
using System.CommandLine.Help;
using UjailOverlay.Cli.Commands.Cat;
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.Fsck;
using UjailOverlay.Cli.Commands.Ls;
using UjailOverlay.Cli.Commands.Run;
using UjailOverlay.Cli.Commands.Stat;
using UjailOverlay.Cli.Commands.State;
using UjailOverlay.Cli.Commands.Syscalls;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli;

public static class CliApp
{
    public static int Run(string[] args, ICliConsole console) => Run(args, console, new CliServices());

    public static int Run(string[] args, ICliConsole console, CliServices services)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(console, services);
        args = CommandSplit.Apply(args);
        var parse = BuildRoot(context).Parse(args, new ParserConfiguration
        {
            // "@file" is a jailed program's argument or a path, never a response file to expand.
            ResponseFileTokenReplacer = null,
        });

        if (UsageErrors.Find(parse) is { } usage) return ErrorReporter.ReportUsage(usage, UsageErrors.CommandPath(parse), console);
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false, // errors are reported by ErrorReporter, in one line
                ProcessTerminationTimeout = null,      // no Ctrl-C hook here; `run` forwards signals itself
            });
        }
        catch (Exception exception)
        {
            return ErrorReporter.Report(exception, context, parse.GetValue(context.Debug));
        }
    }

    /// <summary>The command tree. A plain Command rather than RootCommand: its name is "ujail" whatever the host
    /// executable is called (testhost, dotnet), which keeps help text stable.</summary>
    internal static Command BuildRoot(CliContext context)
    {
        var root = new Command("ujail", "Run programs in a userspace jail; their file changes land in a state directory, not on the host.")
        {
            new HelpOption { Action = new HelpAction { MaxWidth = HelpWidth(context.Console) } },
            new VersionOption { Action = new VersionAction(context.Console) },
            context.Debug,
        };
        root.Add(RunCommand.Create(context));
        root.Add(DiffCommand.Create(context));
        root.Add(FsckCommand.Create(context));
        root.Add(StateCommand.Create(context));
        root.Add(LsCommand.Create(context));
        root.Add(CatCommand.Create(context));
        root.Add(StatCommand.Create(context));
        root.Add(SyscallsCommand.Create(context));
        return root;
    }

    // Fixed width unless a real terminal says otherwise, so help piped to a file or a test is the same everywhere.
    private static int HelpWidth(ICliConsole console) =>
        console.IsTerminal && !Console.IsOutputRedirected && Console.WindowWidth >= 40 ? Console.WindowWidth : 100;
}
