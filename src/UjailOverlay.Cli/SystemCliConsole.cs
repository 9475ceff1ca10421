// The real console: the process's stdout and stderr. Decoration (colour, tables) only when stdout is a terminal
// and the user has not asked for plain output with NO_COLOR (https://no-color.org).
namespace UjailOverlay.Cli;

public sealed class SystemCliConsole : ICliConsole
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsTerminal { get; } =
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    // A fresh stream over fd 1 each time; disposing it leaves the descriptor open.
    public Stream OpenOutput() => Console.OpenStandardOutput();
}
