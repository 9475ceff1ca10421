// Where commands write: stdout, stderr, and whether stdout is an interactive terminal (colour, tables, help
// width). Injected so tests can read what a command printed and pretend to be a terminal or a pipe.
namespace UjailOverlay.Cli;

public interface ICliConsole
{
    TextWriter Out { get; }

    TextWriter Error { get; }

    /// <summary>stdout is a terminal that wants decoration (colour); false for pipes, files and NO_COLOR.</summary>
    bool IsTerminal { get; }
}
