// The one exception an action throws on purpose: a message fit for a single stderr line and the exit code that
// goes with it. Anything else that escapes an action is a bug (ExitCode.InternalError).
namespace UjailOverlay.Cli;

public sealed class CliException(ExitCode exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public ExitCode ExitCode { get; } = exitCode;
}
