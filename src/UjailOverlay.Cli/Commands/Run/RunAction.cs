// `ujail run`: opens (or creates) the state directory, builds the overlay over the host and the state's upper
// tree, runs the command under the jail and exits with its status, recording the run in the state's history.
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Run;

internal sealed class RunAction(CliContext context)
{
    public int Run(RunRequest request)
    {
        if (request.State is not null && request.Name is not null)
            throw new CliException(ExitCode.Usage, "run takes --state DIR or --name NAME, not both");
        var stateDir = request.State ?? (request.Name is { } n ? StateDirs.ForName(n) : null)
            ?? throw new CliException(ExitCode.Usage, "run needs --state DIR or --name NAME");
        if (request.Command.Count == 0) throw new CliException(ExitCode.Usage, "run needs a command to run");
        if (request.KeepFds.Any(fd => fd <= 2)) throw new CliException(ExitCode.Usage, "--keep-fd takes descriptors above 2 (stdio is always kept)");
        return context.Services.Runner().Run(stateDir, request, context.Console);
    }
}

/// <summary>Where `--name NAME` state directories live: $UJAIL_STATEDIRS, else the statedirs/ folder of the
/// checkout ujail was built in, else ./statedirs.</summary>
internal static class StateDirs
{
    public static string ForName(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name is "." or "..")
            throw new CliException(ExitCode.Usage, $"--name '{name}' must be a plain name (use --state for a path)");
        return Path.Combine(Home(), name);
    }

    public static string Home()
    {
        if (Environment.GetEnvironmentVariable("UJAIL_STATEDIRS") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "statedirs", ".gitignore"))) return Path.Combine(dir.FullName, "statedirs");
        return Path.GetFullPath("statedirs");
    }
}

/// <summary>Runs a command in a state: implemented by the composition root with the State, Linux and Jail parts.</summary>
public interface IJailRunner
{
    int Run(string stateDir, RunRequest request, ICliConsole console);
}
