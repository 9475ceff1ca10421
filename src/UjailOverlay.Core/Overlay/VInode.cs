// One inode of the upper layer, in memory. Directories hold their upper children (a null child is a whiteout);
// non-directories list the upper paths that name them (hard links). The persisted form is InodeRecord.
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Core.Overlay;

internal sealed class VInode
{
    public ulong Ino;
    public ulong Dev;
    public NodeType Type;
    public uint Perm;
    public uint Uid;
    public uint Gid;
    public ulong Rdev;
    public Timespec Atime, Mtime, Ctime;
    public SortedDictionary<string, byte[]>? Xattrs;

    /// <summary>Content is the real upper object at each path in <see cref="Paths"/>.</summary>
    public bool DataInUpper;

    /// <summary>The lower object this inode was copied from; the content source while !DataInUpper.</summary>
    public string? LowerPath;
    public LowerIdentity? Origin;
    public string? SymlinkTarget;

    /// <summary>Directories: lower entries beneath are hidden (a new directory, or one made over a whiteout).</summary>
    public bool Opaque;

    /// <summary>Directories: the lower directory whose entries merge in (set when a merged directory is renamed).</summary>
    public string? Redirect;

    /// <summary>Directories: upper children by name; a null value is a whiteout.</summary>
    public Dictionary<string, VInode?>? Children;

    /// <summary>Directories: the real upper directory is known to exist.</summary>
    public bool RealDirExists;

    /// <summary>Regular files copied up from a lower inode with several names: how many of those other lower names
    /// still show this inode without an upper name of their own (they count in st_nlink). In memory only: a
    /// reloaded overlay counts upper names alone.</summary>
    public int LowerAliases;

    /// <summary>Virtual paths naming this inode (one for directories; several for hard links).</summary>
    public readonly List<string> Paths = new(1);

    public bool IsDirectory => Type == NodeType.Directory;

    public InodeRecord ToRecord() => new(
        Ino, Type, Perm, Uid, Gid, Rdev, Atime, Mtime, Ctime, DataInUpper, LowerPath, Origin, SymlinkTarget,
        Opaque, Redirect, Xattrs is null ? EmptyXattrs : new Dictionary<string, byte[]>(Xattrs));

    public static VInode FromRecord(InodeRecord r, ulong dev) => new()
    {
        Ino = r.Ino, Dev = r.Origin?.Dev ?? dev, Type = r.Type, Perm = r.Perm, Uid = r.Uid, Gid = r.Gid, Rdev = r.Rdev,
        Atime = r.Atime, Mtime = r.Mtime, Ctime = r.Ctime, DataInUpper = r.DataInUpper, LowerPath = r.LowerPath,
        Origin = r.Origin, SymlinkTarget = r.SymlinkTarget, Opaque = r.Opaque, Redirect = r.Redirect,
        Xattrs = r.Xattrs.Count == 0 ? null : new SortedDictionary<string, byte[]>(r.Xattrs.ToDictionary(), StringComparer.Ordinal),
        Children = r.Type == NodeType.Directory ? new Dictionary<string, VInode?>(StringComparer.Ordinal) : null,
    };

    private static readonly IReadOnlyDictionary<string, byte[]> EmptyXattrs = new Dictionary<string, byte[]>();
}
