// What the merged view holds at one path: an upper inode, or a lower object showing through (at the same path,
// or at another one when an ancestor directory was renamed and carries a redirect). For a directory,
// MergeSource is the lower directory whose entries merge in beneath it: none when opaque, the redirect target
// after a rename, else the parent's source plus the name (Linux: fs/overlayfs/namei.c, ovl_lookup_layer).
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Core.Diff;

internal sealed record MergedNode(string Path, InodeRecord? Inode, string? LowerPath, NodeStat? LowerStat, string? MergeSource)
{
    public NodeType Type => Inode?.Type ?? LowerStat!.Type;

    public bool IsDirectory => Type == NodeType.Directory;

    /// <summary>The host object itself, untouched: nothing to compare, and beneath it only image entries differ.</summary>
    public bool IsHostItself => Inode is null && LowerPath == Path;

    public static MergedNode Lower(string path, string lowerPath, NodeStat stat) =>
        new(path, null, lowerPath, stat, stat.IsDirectory ? lowerPath : null);

    /// <param name="parentSource">The parent's MergeSource (null when nothing merges into the parent).</param>
    public static MergedNode Upper(string path, InodeRecord inode, string? parentSource)
    {
        string? source = null;
        if (inode.Type == NodeType.Directory && !inode.Opaque)
        {
            source = inode.Redirect switch
            {
                null or "" when path == "/" => "/",
                null or "" => parentSource is null ? null : DiffPaths.Combine(parentSource, DiffPaths.Name(path)),
                // Linux keeps a bare name for a rename within one directory, an absolute path otherwise.
                var r when r.StartsWith('/') => DiffPaths.Normalize(r),
                var r => parentSource is null ? null : DiffPaths.Combine(parentSource, r),
            };
        }
        return new MergedNode(path, inode, inode.LowerPath, null, source);
    }
}
