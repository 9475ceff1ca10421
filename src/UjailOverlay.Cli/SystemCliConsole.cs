// The real console: the process's stdout and stderr. Decoration (colour, tables) only when stdout is a terminal
// and the user has not asked for plain output with NO_COLOR (https://no-color.org).
namespace UjailOverlay.Cli;

public sealed class SystemCliConsole : ICliConsole
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsTerminal { get; } =
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
