// The composition point: how verbs reach the parts of ujail that touch the host and the state directory. Each
// property is a factory, called only when a verb needs it, so `ujail --help` never opens a state or the kernel.
// Defaults are stubs that fail with "not wired": the composition root (Program.cs, Composition/Services.cs)
// replaces them with the real State/Linux implementations; tests replace them with fakes.
//
//   DiffSource   `diff`                          Composition/StateDiffSource
//   Runner       `run`                           Composition/StateJailRunner
//   MergedView   `ls`, `cat`, `stat`             Composition/MergedView (read-only overlay over host + upper/)
//   StateReader  `state info|history|journal`    Composition/StateReader
//   Fsck         `fsck`                          Composition/HostFsck
// ErrorTranslators turn their exceptions (StateException, JailException) into exit codes.
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.Fsck;
using UjailOverlay.Cli.Commands.Run;
using UjailOverlay.Cli.Commands.State;
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.State;

namespace UjailOverlay.Cli;

public sealed class CliServices
{
    public Func<IDiffSource> DiffSource { get; set; } = () => NotWired.Instance;

    public Func<IJailRunner> Runner { get; set; } = () => NotWired.Instance;

    public Func<IMergedView> MergedView { get; set; } = () => NotWired.Instance;

    public Func<IStateReader> StateReader { get; set; } = () => NotWired.Instance;

    public Func<IFsckRunner> Fsck { get; set; } = () => NotWired.Instance;

    /// <summary>Turn an exception from a wired part (StateException, ...) into a CliException, or return null to
    /// pass. Tried in order by the one place that reports errors (ErrorReporter).</summary>
    public IList<Func<Exception, CliException?>> ErrorTranslators { get; } = new List<Func<Exception, CliException?>>();

    private sealed class NotWired : IDiffSource, IJailRunner, IMergedView, IStateReader, IFsckRunner
    {
        public static NotWired Instance { get; } = new();

        public int Run(string stateDir, RunRequest request, ICliConsole console) => throw Missing(nameof(IJailRunner), nameof(Runner));

        public DiffInput Open(string stateDir) => throw Missing(nameof(IDiffSource), nameof(DiffSource));

        OpenedView IMergedView.Open(string stateDir) => throw Missing(nameof(IMergedView), nameof(MergedView));

        IOpenedState IStateReader.Open(string stateDir) => throw Missing(nameof(IStateReader), nameof(StateReader));

        FsckReport IFsckRunner.Run(string stateDir, bool repair) => throw Missing(nameof(IFsckRunner), nameof(Fsck));

        private static CliException Missing(string service, string property) =>
            new(ExitCode.InternalError, $"not wired: no {service} in this build (CliServices.{property})");
    }
}
