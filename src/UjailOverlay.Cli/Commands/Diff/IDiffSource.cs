// How `ujail diff` gets at a state: the overlay image, the host as the lower layer, and the upper tree. The real
// source opens the state directory read-only (StateDirectory.Open, HostLowerLayer, HostUpperTree) and is supplied
// by the composition root through CliServices.DiffSource; tests supply fakes.
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Cli.Commands.Diff;

public interface IDiffSource
{
    /// <summary>Opens a state for reading. Failures are exceptions the ErrorReporter maps (CliException, or one
    /// a CliServices.ErrorTranslators entry maps, such as StateException).</summary>
    DiffInput Open(string stateDir);
}

/// <summary>An opened state. Dispose releases what the source holds while the diff runs (the state's shared
/// lock, open files): the lease.</summary>
public sealed class DiffInput(OverlayImage image, ILowerLayer lower, IUpperTree upper, IDisposable? lease = null) : IDisposable
{
    public OverlayImage Image { get; } = image;

    public ILowerLayer Lower { get; } = lower;

    public IUpperTree Upper { get; } = upper;

    public void Deconstruct(out OverlayImage image, out ILowerLayer lower, out IUpperTree upper) =>
        (image, lower, upper) = (Image, Lower, Upper);

    public void Dispose() => lease?.Dispose();
}
