// The one place a state's merged view is opened for inspection (`ls`, `cat`, `stat`): the state directory opened
// ReadOnly (no lock, nothing written), the host as the lower layer with the state directory hidden, the state's
// upper tree, and an OverlayFs over them whose sink and upper tree refuse every change (ReadOnlySink,
// ReadOnlyUpperTree), so no bug on a read path can write to the index or to upper/. The lower root is "/"; tests
// pass a scratch directory instead.
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux.Fs;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Composition;

internal sealed class MergedView(string lowerRoot = "/") : IMergedView
{
    public OpenedView Open(string stateDir)
    {
        var state = StateDirectory.Open(stateDir, StateAccess.ReadOnly);
        HostLowerLayer? lower = null;
        HostUpperTree? upper = null;
        try
        {
            lower = new HostLowerLayer(lowerRoot, new[] { state.Path });
            upper = OpenUpper(state);
            var overlay = new OverlayFs(lower, new ReadOnlyUpperTree(upper), ReadOnlySink.Instance, state.LoadImage());
            return new OpenedView(overlay, new Lease(state, lower, upper));
        }
        catch
        {
            upper?.Dispose();
            lower?.Dispose();
            state.Dispose();
            throw;
        }
    }

    // A read-only open does not make upper/ and work/ (a writer does): their absence is damage fsck repairs.
    private static HostUpperTree OpenUpper(StateDirectory state)
    {
        if (!Directory.Exists(state.UpperPath) || !Directory.Exists(state.WorkPath))
            throw new CliException(ExitCode.StateCorrupt,
                $"state directory {state.Path}: upper/ or work/ is missing; run 'ujail fsck --repair {state.Path}'");
        return new HostUpperTree(state.UpperPath, state.WorkPath);
    }

    private sealed class Lease(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts.Reverse()) part.Dispose();
        }
    }
}
