// How `ls`, `cat` and `stat` reach a state's merged view without running a program: an IMergedView opens the
// state read-only and hands back an OpenedView, an OverlayFs over the host (lower) and the state's upper tree
// whose change sink and upper tree refuse every change (ReadOnlySink, ReadOnlyUpperTree). The real one is
// Composition/MergedView, supplied through CliServices.MergedView; tests supply an overlay over fakes.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.Cli.Commands.View;

public interface IMergedView
{
    /// <summary>Opens a state's merged view for reading. Failures are exceptions the ErrorReporter maps
    /// (CliException, or StateException through CliServices.ErrorTranslators).</summary>
    OpenedView Open(string stateDir);
}

/// <summary>An opened merged view. Every call looks as root (OpContext.Root): the state's owner inspecting
/// its own data, so no permission bit hides an entry. Dispose releases the lease (open files of the state).</summary>
public sealed class OpenedView(OverlayFs overlay, IDisposable? lease = null) : IDisposable
{
    private static readonly OpContext Who = OpContext.Root;

    public OverlayFs Overlay { get; } = overlay;

    /// <summary>stat(2) with <paramref name="follow"/>, lstat(2) without.</summary>
    public Errno Stat(string path, bool follow, out NodeStat stat) => Overlay.Stat(path, follow, Who, out stat);

    public Errno ReadLink(string path, out string target) => Overlay.ReadLink(path, Who, out target);

    /// <summary>The merged entries of a directory (symlinks followed), ordinal by name, without "." and "..".</summary>
    public Errno List(string path, out IReadOnlyList<DirEntry> entries) => Overlay.ListDirectory(path, Who, out entries);

    /// <summary>Opens the content of the regular file at path (symlinks followed) from whichever layer holds it.
    /// EISDIR for a directory; EINVAL for anything else that is not a regular file (a FIFO would block).</summary>
    public Errno OpenRead(string path, out Stream stream)
    {
        stream = Stream.Null;
        var err = Stat(path, follow: true, out var st);
        if (err != Errno.OK) return err;
        if (st.IsDirectory) return Errno.EISDIR;
        if (st.Type != NodeType.Regular) return Errno.EINVAL;
        // A read-only open of a regular file copies nothing up (OverlayFs.Open: only writes and O_TRUNC do).
        err = Overlay.Open(path, OpenFlags.ReadOnly, 0, Who, out var opened);
        if (err != Errno.OK) return err;
        return opened.Backing.Kind switch
        {
            BackingKind.Upper => Overlay.Upper.OpenRead(opened.Backing.Path, out stream),
            BackingKind.Lower or BackingKind.Pseudo => Overlay.Lower.OpenRead(opened.Backing.Path, out stream),
            _ => Errno.ENXIO,
        };
    }

    public void Dispose() => lease?.Dispose();
}
