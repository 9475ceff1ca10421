// The real `run`: state directory (State) + host lower layer and upper tree (Linux) + overlay (Core) + jail
// engine (Jail). Records the run in the state's history and makes the index durable before returning.
using System.Diagnostics.CodeAnalysis;
using UjailOverlay.Cli.Commands.Run;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Fs;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Composition;

internal sealed class StateJailRunner : IJailRunner
{
    public int Run(string stateDir, RunRequest request, ICliConsole console)
    {
        var cwd = Environment.CurrentDirectory;
        using var trace = request.TraceFile is null ? null : new StreamWriter(request.TraceFile, append: false) { AutoFlush = true };
        var options = new JailOptions
        {
            Command = request.Command,
            Environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Select(e => $"{e.Key}={e.Value}").ToArray(),
            Cwd = cwd,
            SelfCommand = SelfCommand(),
            NativeTrampoline = NativeTrampoline(),
            KeepFds = request.KeepFds,
            AllowHostSockets = request.AllowHostSockets,
            FakeRoot = request.FakeRoot,
            StrictOpens = request.StrictOpens,
            Trace = trace is null ? null : line => { lock (trace) trace.WriteLine(line); },
        };
        // The trampoline starts now, in parallel with opening the state; it execs the command only in Run.
        using var jail = JailRunner.Start(options);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateDir))!);
        using var state = StateDirectory.Open(stateDir, StateAccess.CreateOrOpen);
        var upperReal = RealPath(state.UpperPath);
        var workReal = RealPath(state.WorkPath);
        using var lower = new HostLowerLayer("/", new[] { RealPath(state.Path) });
        using var upper = new HostUpperTree(state.UpperPath, state.WorkPath);
        var overlay = new OverlayFs(lower, upper, state.Changes, state.LoadImage());
        var start = DateTimeOffset.UtcNow;
        JailResult result;
        try
        {
            result = jail.Run(overlay, upperReal, workReal);
        }
        catch (JailException e)
        {
            overlay.Flush();
            Record(state, request, cwd, start, ExitCodes(e), new RunCounts(0, 0));
            throw new CliException(e.Kind == JailFailure.Setup ? ExitCode.JailSetupFailed : ExitCode.CommandNotRunnable, e.Message, e);
        }
        overlay.Flush();
        Record(state, request, cwd, start, result.ExitStatus, new RunCounts(result.Notifications + result.Traced, result.Changes));
        return result.ExitStatus;
    }

    /// <summary>One history row per run, at its end, in the index beside the run's changes (a run whose ujail
    /// is killed leaves its changes in the index but no history line).</summary>
    private static void Record(StateDirectory state, RunRequest request, string cwd, DateTimeOffset start, int exit, RunCounts counts) =>
        state.History.Begin(new RunRecord
        {
            Command = request.Command.ToArray(), Cwd = cwd, User = Environment.UserName, Uid = HostIdentity.RealUid,
            Start = start, End = DateTimeOffset.UtcNow, ExitStatus = exit, Counts = counts,
        });

    private static int ExitCodes(JailException e) => e.Kind == JailFailure.Setup ? (int)ExitCode.JailSetupFailed : (int)ExitCode.CommandNotRunnable;

    /// <summary>How to start ujail again (the trampoline): its own executable, or `dotnet ujail.dll`.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification =
        "Assembly.Location is read only when the host is `dotnet` (ujail.dll on disk); a NativeAOT or single-file ujail is its own ProcessPath.")]
    internal static IReadOnlyList<string> SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new CliException(ExitCode.InternalError, "cannot find ujail's own executable");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
            return new[] { process, typeof(StateJailRunner).Assembly.Location };
        return new[] { process };
    }

    /// <summary>ujail-trampoline beside ujail (the build makes it when gcc is present), unless
    /// UJAIL_TRAMPOLINE=managed asks for the managed one (`ujail __trampoline`), which is also used without it.</summary>
    internal static string? NativeTrampoline()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("UJAIL_TRAMPOLINE") == "managed") return null;
        var path = Path.Combine(AppContext.BaseDirectory, "ujail-trampoline");
        try
        {
            return File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0 ? path : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string RealPath(string path)
    {
        var info = new DirectoryInfo(path);
        var full = info.FullName;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? ResolveParents(full);
    }

    /// <summary>The path with every symlinked ancestor resolved (the kernel reports real paths in /proc).</summary>
    private static string ResolveParents(string full)
    {
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).ResolveLinkTarget(true) ?? (FileSystemInfo?)new DirectoryInfo(next).ResolveLinkTarget(true);
            current = target?.FullName ?? next;
        }
        return current;
    }
}
