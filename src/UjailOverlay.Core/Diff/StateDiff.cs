// What a state directory changes relative to the host as it is now: a tree diff between the host (the lower layer
// read today) and the merged view (the image's dentries and inodes over that same lower layer).
//
// The walk starts at "/" and goes down only where the two trees can differ: into the image's entries, and into
// every entry of a directory whose merged content does not come from the host directory at the same path (an
// added directory, an opaque one, one renamed in with a redirect, a type change). Beneath an untouched host
// directory only image entries are visited, so the cost is proportional to the state, not to the host.
//
// Deleted host directories are reported once, like `git status` shows an untracked directory, unless
// DiffOptions.Expand asks for every path beneath, or a path filter points inside one (then the filtered part is
// listed). Added directories always list their children. Pure: reads the ports, writes nothing.
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Diff;

public static class StateDiff
{
    /// <returns>Changes sorted by <see cref="DiffPathComparer"/>: a directory precedes its children.</returns>
    public static IReadOnlyList<Change> Compute(OverlayImage image, ILowerLayer lower, IUpperTree upper, DiffOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(options);
        var walker = new DiffWalker(image, lower, upper, options);
        walker.Run();
        return walker.Changes.OrderBy(c => c.Path, DiffPathComparer.Instance).ToArray();
    }
}
