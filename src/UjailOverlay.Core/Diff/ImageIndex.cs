// The overlay image arranged for a tree walk: dentries by path, inodes by number, and the names beneath each
// directory. Ancestors of every dentry are entered as children too, so a dentry is reached even when the image
// has no dentry for some directory above it (that directory then comes from the lower layer).
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Core.Diff;

internal sealed class ImageIndex
{
    private readonly Dictionary<string, DentryRecord> _dentries = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, InodeRecord> _inodes = new();
    private readonly Dictionary<string, SortedSet<string>> _children = new(StringComparer.Ordinal);

    public ImageIndex(OverlayImage image)
    {
        foreach (var inode in image.Inodes) _inodes[inode.Ino] = inode;
        foreach (var dentry in image.Dentries)
        {
            var path = DiffPaths.Normalize(dentry.Path);
            _dentries[path] = dentry with { Path = path };
            for (var p = path; p != "/"; p = DiffPaths.Parent(p))
            {
                var parent = DiffPaths.Parent(p);
                if (!_children.TryGetValue(parent, out var names))
                    _children[parent] = names = new SortedSet<string>(StringComparer.Ordinal);
                if (!names.Add(DiffPaths.Name(p))) break; // the rest of the chain is already entered
            }
        }
    }

    public DentryRecord? Dentry(string path) => _dentries.GetValueOrDefault(path);

    /// <summary>The inode a dentry names; null for a whiteout or a dangling inode number (fsck reports those).</summary>
    public InodeRecord? InodeOf(DentryRecord dentry) =>
        dentry.IsWhiteout ? null : _inodes.GetValueOrDefault(dentry.Ino);

    public IReadOnlyCollection<string> ChildNames(string path) =>
        _children.TryGetValue(path, out var names) ? names : Array.Empty<string>();
}
