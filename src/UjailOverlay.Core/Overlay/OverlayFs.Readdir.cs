// Merged directory listings (after fs/overlayfs/readdir.c): upper entries first claim their names, whiteouts
// hide lower names, lower entries fill in the rest; no name appears twice, and the order is stable (ordinal by
// name) so a listing read in several getdents64 calls never skips or repeats an entry.
namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    public Errno ListDirectory(string path, OpContext ctx, out IReadOnlyList<DirEntry> entries)
    {
        lock (_gate)
        {
            entries = Array.Empty<DirEntry>();
            var err = Resolve(path, true, ctx, out var node);
            if (err != Errno.OK) return err;
            if (!node.IsDirectory) return Errno.ENOTDIR;
            if (!Permissions.May(QuickStat(node), AccessMask.Read, ctx.Who)) return Errno.EACCES;
            entries = MergedEntries(node);
            return Errno.OK;
        }
    }

    private List<DirEntry> MergedEntries(Node dir)
    {
        var byName = new SortedDictionary<string, DirEntry>(StringComparer.Ordinal);
        var children = dir.Upper?.Children;
        if (children is not null)
            foreach (var (name, child) in children)
                if (child is not null) byName[name] = new DirEntry(name, child.Origin?.Ino ?? child.Ino, child.Type);
        if (dir.MergeLower is { } lower && _lower.ListDirectory(lower, out var lowerEntries) == Errno.OK)
            foreach (var e in lowerEntries)
            {
                if (children is not null && children.ContainsKey(e.Name)) continue;
                byName[e.Name] = e;
            }
        return byName.Values.ToList();
    }
}
