// Where commands write: stdout (as text, and as bytes for content such as `ujail cat`), stderr, and whether
// stdout is an interactive terminal (colour, tables, help width). Injected so tests can read what a command
// printed and pretend to be a terminal or a pipe.
namespace UjailOverlay.Cli;

public interface ICliConsole
{
    TextWriter Out { get; }

    TextWriter Error { get; }

    /// <summary>stdout is a terminal that wants decoration (colour); false for pipes, files and NO_COLOR.</summary>
    bool IsTerminal { get; }

    /// <summary>stdout as bytes, for binary-safe content. The caller flushes <see cref="Out"/> before writing
    /// here and disposes the stream when done (which does not close stdout).</summary>
    Stream OpenOutput();
}
