// The real `fsck`: State's Fsck with a HostUpperTree over the state's upper/ and work/, so the checks see exact
// lstat data and the hard-link check runs. When either directory is missing (or the path is no state dir at
// all) there is no upper tree to give: Fsck then reports the missing layout, or refuses the directory, itself.
using UjailOverlay.Cli.Commands.Fsck;
using UjailOverlay.Linux.Fs;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Composition;

internal sealed class HostFsck : IFsckRunner
{
    // The state directory's layout (State's StateLayout is internal): what a HostUpperTree is rooted at.
    private const string Upper = "upper", Work = "work";

    public FsckReport Run(string stateDir, bool repair)
    {
        using var upper = TryOpenUpper(Path.GetFullPath(stateDir));
        return Fsck.Run(stateDir, repair, upper);
    }

    private static HostUpperTree? TryOpenUpper(string dir)
    {
        string upper = Path.Combine(dir, Upper), work = Path.Combine(dir, Work);
        if (!Directory.Exists(upper) || !Directory.Exists(work)) return null;
        try
        {
            return new HostUpperTree(upper, work);
        }
        catch (IOException)
        {
            return null; // not openable as a tree (a symlink, another filesystem): Fsck checks without it
        }
    }
}
