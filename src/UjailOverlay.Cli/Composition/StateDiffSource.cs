// The real input of `diff`: a state directory opened read-only, the host as the lower layer (the state dir
// itself hidden) and the state's upper tree.
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Linux.Fs;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Composition;

internal sealed class StateDiffSource : IDiffSource
{
    public DiffInput Open(string stateDir)
    {
        var state = StateDirectory.Open(stateDir, StateAccess.ReadOnly);
        try
        {
            var lower = new HostLowerLayer("/", new[] { state.Path });
            var upper = new HostUpperTree(state.UpperPath, state.WorkPath);
            return new DiffInput(state.LoadImage(), lower, upper, new Lease(state, lower, upper));
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    private sealed class Lease(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var p in parts.Reverse()) p.Dispose();
        }
    }
}
