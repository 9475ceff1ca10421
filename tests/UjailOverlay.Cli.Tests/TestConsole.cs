// An ICliConsole that keeps what was written, for assertions and snapshots; a pipe unless told to be a terminal.
using UjailOverlay.Cli;

namespace UjailOverlay.Cli.Tests;

internal sealed class TestConsole(bool isTerminal = false) : ICliConsole
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public TextWriter Out => _out;
    public TextWriter Error => _error;
    public bool IsTerminal { get; } = isTerminal;

    public string Output => _out.ToString();
    public string Errors => _error.ToString();
}
