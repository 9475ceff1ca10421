// `ujail run (--state DIR | --name NAME) [--fake-root|-0] [--keep-fd N]... [--allow-host-sockets] [--strict-opens] [--trace FILE] [--] COMMAND ARGS...`:
// the syntax only. Everything from the first word that is not one of run's own options is the command, so
// `ujail run --state s ls -la` needs no "--" (CommandSplit inserts it before parsing).
using System.CommandLine;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.Run;

internal static class RunCommand
{
    public const string Name = "run";

    /// <summary>run's options that take a value, and those that do not (for CommandSplit).</summary>
    internal static readonly string[] ValueOptions = { "--state", "-s", "--name", "-n", "--keep-fd", "--trace" };
    internal static readonly string[] FlagOptions = { "--allow-host-sockets", "--strict-opens", "--fake-root", "-0", "--debug", "--help", "-h", "-?" };

    public static Command Create(CliContext context)
    {
        var state = new Option<string?>("--state", "-s") { Description = "The state directory (created if missing)" };
        var name = new Option<string?>("--name", "-n") { Description = "Use statedirs/NAME as the state directory" };
        var keep = new Option<int[]>("--keep-fd") { Description = "Keep this inherited descriptor (above 2) open in the jailed program", AllowMultipleArgumentsPerToken = false };
        var fakeRoot = new Option<bool>("--fake-root", "-0") { Description = "The jailed programs see themselves as root (uid/gid 0, root's file permissions); owners, modes and set*id changes are kept virtually" };
        var hostSockets = new Option<bool>("--allow-host-sockets") { Description = "Let the jailed program connect to host AF_UNIX sockets by path (host daemons)" };
        var strictOpens = new Option<bool>("--strict-opens") { Description = "Open every file in the supervisor, never letting the kernel re-read a path (slower; see docs/threat-model.md)" };
        var trace = new Option<string?>("--trace") { Description = "Write one line per intercepted call to this file" };
        var command = new Argument<string[]>("COMMAND") { Description = "The program to run and its arguments", Arity = ArgumentArity.OneOrMore };

        var run = new Command(Name, "Run a command in the jail; its file changes land in the state directory")
        {
            state, name, fakeRoot, keep, hostSockets, strictOpens, trace, command,
        };
        run.SetAction(parse => new RunAction(context).Run(new RunRequest(
            parse.GetValue(state),
            parse.GetValue(name),
            parse.GetValue(command) ?? Array.Empty<string>(),
            parse.GetValue(keep) ?? Array.Empty<int>(),
            parse.GetValue(hostSockets),
            parse.GetValue(trace),
            parse.GetValue(fakeRoot),
            parse.GetValue(strictOpens))));
        return run;
    }
}

public sealed record RunRequest(string? State, string? Name, IReadOnlyList<string> Command, IReadOnlyList<int> KeepFds,
    bool AllowHostSockets, string? TraceFile, bool FakeRoot = false, bool StrictOpens = false);

/// <summary>Inserts "--" before the jailed command of a `run` invocation, so its own flags stay its own.</summary>
internal static class CommandSplit
{
    public static string[] Apply(string[] args)
    {
        var verb = Array.IndexOf(args, RunCommand.Name);
        if (verb < 0 || args.Take(verb).Any(a => !a.StartsWith('-'))) return args;
        for (var i = verb + 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--") return args;
            if (RunCommand.ValueOptions.Contains(a)) { i++; continue; }
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && RunCommand.ValueOptions.Contains(a[..a.IndexOf('=')])) continue;
            if (RunCommand.FlagOptions.Contains(a)) continue;
            if (a.StartsWith('-')) return args; // an unknown option of run's: let the parser say so
            return args[..i].Append("--").Concat(args[i..]).ToArray();
        }
        return args;
    }
}
