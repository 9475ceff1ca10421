// The one place an error becomes output and an exit code. A CliException (or what a translator turns an
// exception into) is one line on stderr, `ujail: <message>`, with its own code; anything else is a bug: one line
// and ExitCode.InternalError. The stack trace follows only with --debug, so scripts see one line per failure.
namespace UjailOverlay.Cli.Infrastructure;

internal static class ErrorReporter
{
    public static int Report(Exception exception, CliContext context, bool debug)
    {
        var error = Translate(exception, context.Services);
        var message = error?.Message ?? $"internal error: {exception.GetType().Name}: {exception.Message}" +
            (debug ? "" : " (run with --debug for the stack trace)");
        context.Console.Error.WriteLine($"ujail: {OneLine(message)}");
        if (debug) context.Console.Error.WriteLine(exception.ToString());
        return (int)(error?.ExitCode ?? ExitCode.InternalError);
    }

    /// <summary>A usage error found while parsing: one line, a pointer to help, ExitCode.Usage.</summary>
    public static int ReportUsage(string message, string helpCommand, ICliConsole console)
    {
        console.Error.WriteLine($"ujail: {OneLine(message)} Try '{helpCommand} --help'.");
        return (int)ExitCode.Usage;
    }

    private static CliException? Translate(Exception exception, CliServices services)
    {
        if (exception is CliException cli) return cli;
        foreach (var translate in services.ErrorTranslators)
            if (translate(exception) is { } translated) return translated;
        return null;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
