// The overlay as stored: inode rows, dentry rows and the next free inode number. The State project persists
// these; the core rebuilds its in-memory tree from them (OverlayImage) and reports every change to an
// IChangeSink as it happens, so the index never needs a full rewrite.
namespace UjailOverlay.Core.Persistence;

/// <summary>Identity of the lower object an upper inode was copied from, for host-drift checks.</summary>
public sealed record LowerIdentity(ulong Dev, ulong Ino, long Size, Timespec Mtime, Timespec Ctime, string? Sha256);

/// <summary>
/// One virtual inode. DataInUpper: the content is the real upper file at each of the inode's dentry paths
/// (false for a metadata-only copy-up, whose content is still read from LowerPath). Directories carry Opaque
/// (lower entries beneath are hidden) and Redirect (the lower directory whose entries merge in, after a rename).
/// </summary>
public sealed record InodeRecord(
    ulong Ino,
    NodeType Type,
    uint Perm,
    uint Uid,
    uint Gid,
    ulong Rdev,
    Timespec Atime,
    Timespec Mtime,
    Timespec Ctime,
    bool DataInUpper,
    string? LowerPath,
    LowerIdentity? Origin,
    string? SymlinkTarget,
    bool Opaque,
    string? Redirect,
    IReadOnlyDictionary<string, byte[]> Xattrs);

/// <summary>A name in the upper layer: an absolute virtual path bound to an inode, or a whiteout (Ino 0).</summary>
public sealed record DentryRecord(string Path, ulong Ino)
{
    public bool IsWhiteout => Ino == 0;
}

public sealed record OverlayImage(IReadOnlyList<InodeRecord> Inodes, IReadOnlyList<DentryRecord> Dentries, ulong NextIno)
{
    public static OverlayImage Empty { get; } = new(Array.Empty<InodeRecord>(), Array.Empty<DentryRecord>(), FirstUpperIno);

    /// <summary>Inodes created in the upper layer are numbered from here, far above any ext4/tmpfs number.</summary>
    public const ulong FirstUpperIno = 1UL << 40;
}

/// <summary>One line of the operation journal: who did what to which path, and what it returned.</summary>
public sealed record JournalEntry(
    DateTimeOffset Time,
    int Pid,
    string? Exe,
    string? Argv,
    string Syscall,
    string Path,
    string? Path2,
    int Result);
