// What stat(2) reports about one object of the merged view. Mode is the full st_mode (type bits included).
namespace UjailOverlay.Core;

public sealed record NodeStat(
    ulong Dev,
    ulong Ino,
    uint Mode,
    uint Nlink,
    uint Uid,
    uint Gid,
    ulong Rdev,
    long Size,
    long Blocks,
    Timespec Atime,
    Timespec Mtime,
    Timespec Ctime,
    int BlockSize = 4096)
{
    public NodeType Type => Core.Mode.TypeOf(Mode);
    public uint Permissions => Mode & Core.Mode.PermissionBits;
    public bool IsDirectory => Type == NodeType.Directory;
}

/// <summary>One entry of a directory listing (getdents64): name, inode number and type.</summary>
public readonly record struct DirEntry(string Name, ulong Ino, NodeType Type);
