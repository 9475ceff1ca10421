// What every command's syntax and action may use: the console, the services, and the global options.
using System.CommandLine;

namespace UjailOverlay.Cli.Infrastructure;

public sealed class CliContext(ICliConsole console, CliServices services)
{
    public ICliConsole Console { get; } = console;

    public CliServices Services { get; } = services;

    /// <summary>--debug: print the stack trace of an error after its one line. Recursive: valid after any verb.</summary>
    public Option<bool> Debug { get; } = new("--debug")
    {
        Description = "On error, also print the stack trace",
        Recursive = true,
    };
}
