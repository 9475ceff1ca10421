// Wires the real State, Linux and Jail parts into the CLI, and turns their errors into exit codes.
using UjailOverlay.Jail.Engine;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Composition;

internal static class Services
{
    public static CliServices Real()
    {
        var services = new CliServices
        {
            DiffSource = () => new StateDiffSource(),
            Runner = () => new StateJailRunner(),
            MergedView = () => new MergedView(),
            StateReader = () => new StateReader(),
            Fsck = () => new HostFsck(),
        };
        services.ErrorTranslators.Add(e => e is StateException se ? new CliException(se.Kind switch
        {
            StateErrorKind.NotFound => ExitCode.StateNotFound,
            StateErrorKind.NotAStateDir => ExitCode.NotAStateDir,
            StateErrorKind.Corrupt => ExitCode.StateCorrupt,
            StateErrorKind.NewerVersion => ExitCode.StateNewerVersion,
            StateErrorKind.Unreadable => ExitCode.StateUnreadable,
            StateErrorKind.Locked => ExitCode.StateLocked,
            _ => ExitCode.InternalError,
        }, se.Message, se) : null);
        services.ErrorTranslators.Add(e => e is JailException je
            ? new CliException(je.Kind == JailFailure.Setup ? ExitCode.JailSetupFailed : ExitCode.CommandNotRunnable, je.Message, je)
            : null);
        return services;
    }
}
