// The comparable facts of one side of a change: type, permission bits, owner, rdev, size (regular files),
// symlink target and mtime. Built from a host lstat, a lower object showing through, or an upper inode, so the
// comparison code sees both sides the same way.
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Diff;

internal sealed record NodeFacts(NodeType Type, uint Perm, uint Uid, uint Gid, ulong Rdev, long? Size, string? Target, Timespec Mtime)
{
    public static NodeFacts FromHost(LowerView lower, string path, NodeStat stat) => new(
        stat.Type, stat.Permissions, stat.Uid, stat.Gid, stat.Rdev,
        stat.Type == NodeType.Regular ? stat.Size : null,
        stat.Type == NodeType.Symlink ? lower.ReadLink(path) : null,
        stat.Mtime);

    public static NodeFacts FromMerged(LowerView lower, IUpperTree upper, MergedNode node)
    {
        if (node.Inode is not { } inode) return FromHost(lower, node.LowerPath!, node.LowerStat!);
        long? size = null;
        if (inode.Type == NodeType.Regular)
            size = inode.DataInUpper
                ? (upper.Lstat(DiffPaths.ToUpperRelative(node.Path), out var real) == Errno.OK ? real.Size : null)
                : lower.Stat(inode.LowerPath ?? node.Path)?.Size;
        return new NodeFacts(inode.Type, inode.Perm & Mode.PermissionBits, inode.Uid, inode.Gid, inode.Rdev, size,
            inode.Type == NodeType.Symlink ? inode.SymlinkTarget : null, inode.Mtime);
    }

    public static Change Describe(string path, ChangeKind kind, NodeFacts? old, NodeFacts? @new,
        IReadOnlyList<string> fields, bool drifted = false) =>
        new(path, kind, old?.Type, @new?.Type, fields, old?.Size, @new?.Size, old?.Perm, @new?.Perm,
            old?.Target, @new?.Target, drifted)
        {
            OldUid = old?.Uid, NewUid = @new?.Uid,
            OldGid = old?.Gid, NewGid = @new?.Gid,
            OldMtime = old?.Mtime, NewMtime = @new?.Mtime,
        };
}
