// The composition point: how verbs reach the parts of ujail that touch the host and the state directory. Each
// property is a factory, called only when a verb needs it, so `ujail --help` never opens a state or the kernel.
// Defaults are stubs that fail with "not wired": the composition root (Program.cs) replaces them with the real
// State/Linux implementations; tests replace them with fakes.
//
// Integrator, e.g.:
//   services.DiffSource = () => new StateDirectoryDiffSource();        // StateDirectory.Open + HostLowerLayer/HostUpperTree
//   services.ErrorTranslators.Add(ex => ex is StateException se ? new CliException(se.Kind switch
//   {
//       StateErrorKind.NotFound => ExitCode.StateNotFound,         StateErrorKind.NotAStateDir => ExitCode.NotAStateDir,
//       StateErrorKind.Corrupt => ExitCode.StateCorrupt,           StateErrorKind.NewerVersion => ExitCode.StateNewerVersion,
//       StateErrorKind.Unreadable => ExitCode.StateUnreadable,     StateErrorKind.Locked => ExitCode.StateLocked,
//       _ => ExitCode.InternalError,
//   }, se.Message, se) : null);
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.Run;

namespace UjailOverlay.Cli;

public sealed class CliServices
{
    public Func<IDiffSource> DiffSource { get; set; } = () => NotWired.Instance;

    public Func<IJailRunner> Runner { get; set; } = () => NotWired.Instance;

    /// <summary>Turn an exception from a wired part (StateException, ...) into a CliException, or return null to
    /// pass. Tried in order by the one place that reports errors (ErrorReporter).</summary>
    public IList<Func<Exception, CliException?>> ErrorTranslators { get; } = new List<Func<Exception, CliException?>>();

    private sealed class NotWired : IDiffSource, IJailRunner
    {
        public int Run(string stateDir, RunRequest request, ICliConsole console) =>
            throw new CliException(ExitCode.InternalError, "not wired: no IJailRunner in this build (CliServices.Runner)");

        public static NotWired Instance { get; } = new();

        public DiffInput Open(string stateDir) =>
            throw new CliException(ExitCode.InternalError, "not wired: no IDiffSource in this build (CliServices.DiffSource)");
    }
}
