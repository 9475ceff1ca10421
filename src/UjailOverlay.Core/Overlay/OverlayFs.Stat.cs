// stat(2) of merged-view objects. Lower objects report the host's stat as it is. Upper inodes report their
// virtual metadata; a regular file whose content is in the upper tree takes size, blocks and times from the
// real file (the jailed program writes it through its own descriptor), with ctime never older than the last
// virtual metadata change. Copied-up inodes keep the lower object's device and inode number.
namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    public Errno Stat(string path, bool follow, OpContext ctx, out NodeStat stat)
    {
        lock (_gate)
        {
            stat = null!;
            var err = Resolve(path, follow, ctx, out var node);
            if (err == Errno.OK) stat = StatOf(node);
            return err;
        }
    }

    /// <summary>The inode number a path resolves to (not following a final symlink), without the costly stat
    /// fields: what getdents64 needs for "." and "..".</summary>
    public Errno InodeNumber(string path, OpContext ctx, out ulong ino)
    {
        lock (_gate)
        {
            ino = 0;
            var err = Resolve(path, false, ctx, out var node);
            if (err == Errno.OK) ino = QuickStat(node).Ino;
            return err;
        }
    }

    private NodeStat StatOf(Node n)
    {
        if (n.Upper is not { } u)
        {
            if (n.LowerStat is { } ls) return ls;
            return _lower.Lstat(n.Lower!, out var st) == Errno.OK ? st : throw new InvalidOperationException("lower vanished: " + n.Lower);
        }
        long size = 0, blocks = 0;
        Timespec atime = u.Atime, mtime = u.Mtime, ctime = u.Ctime;
        uint nlink = 1;
        switch (u.Type)
        {
            case NodeType.Regular when u.DataInUpper && u.Paths.Count > 0:
                if (_upper.Lstat(VirtualPath.ToUpper(u.Paths[0]), out var real) == Errno.OK)
                {
                    size = real.Size; blocks = real.Blocks; atime = real.Atime; mtime = real.Mtime;
                    ctime = real.Ctime.CompareTo(u.Ctime) > 0 ? real.Ctime : u.Ctime;
                }
                nlink = (uint)Math.Max(u.Paths.Count + u.LowerAliases, 1);
                break;
            case NodeType.Regular:
                if (u.LowerPath is { } lp && _lower.Lstat(lp, out var lower) == Errno.OK) { size = lower.Size; blocks = lower.Blocks; }
                nlink = (uint)Math.Max(u.Paths.Count, 1);
                break;
            case NodeType.Symlink:
                size = VirtualPath.ByteLength(u.SymlinkTarget ?? "");
                nlink = (uint)Math.Max(u.Paths.Count, 1);
                break;
            case NodeType.Directory:
                size = 4096; blocks = 8;
                nlink = 2 + (uint)CountSubdirectories(n);
                break;
            default:
                nlink = (uint)Math.Max(u.Paths.Count, 1);
                break;
        }
        var ino = u.Origin?.Ino ?? u.Ino;
        var dev = u.Origin?.Dev ?? _upperDev;
        if (ReferenceEquals(u, _root) && u.Origin is null) ino = 2;
        return new NodeStat(dev, ino, Mode.Make(u.Type, u.Perm), nlink, u.Uid, u.Gid, u.Rdev, size, blocks, atime, mtime, ctime);
    }

    /// <summary>What permission checks need (type, mode, owner, group, rdev), without the costly fields: no
    /// read of the real upper file, no directory listing for st_nlink. Used on every path component.</summary>
    private NodeStat QuickStat(Node n)
    {
        if (n.Upper is not { } u) return StatOf(n);
        var ino = ReferenceEquals(u, _root) && u.Origin is null ? 2 : u.Origin?.Ino ?? u.Ino;
        return new NodeStat(u.Origin?.Dev ?? _upperDev, ino, Mode.Make(u.Type, u.Perm), 1, u.Uid, u.Gid, u.Rdev,
            0, 0, u.Atime, u.Mtime, u.Ctime);
    }

    /// <summary>st_nlink of a directory: 2 plus its subdirectories. A merged directory starts from the lower
    /// directory's count and is corrected for each upper child (new subdirectories add one, whiteouts and
    /// replacements of lower subdirectories take one away) — a lookup per upper child, never a full listing.</summary>
    private int CountSubdirectories(Node dir)
    {
        var children = dir.Upper?.Children;
        var count = 0;
        if (dir.MergeLower is { } lower && _lower.Lstat(lower, out var ls) == Errno.OK && ls.IsDirectory)
            count = (int)Math.Max(ls.Nlink, 2) - 2;
        if (children is null) return count;
        foreach (var (name, child) in children)
        {
            var lowerIsDir = dir.MergeLower is { } ml && _lower.Lstat(VirtualPath.Join(ml, name), out var cs) == Errno.OK && cs.IsDirectory;
            var upperIsDir = child is { IsDirectory: true };
            if (upperIsDir && !lowerIsDir) count++;
            else if (!upperIsDir && lowerIsDir) count--;
        }
        return Math.Max(count, 0);
    }

    public Errno Access(string path, AccessMask mask, bool follow, OpContext ctx)
    {
        lock (_gate)
        {
            var err = Resolve(path, follow, ctx, out var node);
            if (err != Errno.OK) return err;
            var st = QuickStat(node);
            if ((mask & AccessMask.Write) != 0 && IsPassThrough(node.Path) && !ctx.Who.FileCapabilities && !Permissions.May(st, AccessMask.Write, ctx.Who))
                return Errno.EACCES;
            return Permissions.May(st, mask, ctx.Who) ? Errno.OK : Errno.EACCES;
        }
    }

    public Errno ReadLink(string path, OpContext ctx, out string target)
    {
        lock (_gate)
        {
            target = "";
            var err = Resolve(path, false, ctx, out var node);
            if (err != Errno.OK) return err;
            if (node.Type != NodeType.Symlink) return Errno.EINVAL;
            var t = ReadLinkOf(node, ctx);
            if (t is null) return Errno.ENOENT;
            target = t;
            return Errno.OK;
        }
    }
}
