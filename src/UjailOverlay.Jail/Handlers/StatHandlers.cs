// stat, lstat, fstat, newfstatat, statx, statfs, access/faccessat/faccessat2, readlink/readlinkat: answered
// from the overlay's merged view; results are encoded in the kernel's layouts and written to the caller.
// Descriptors that are not files (pipes, sockets, deleted files) are stat'ed on a pidfd_getfd copy.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Handlers;

internal static class StatHandlers
{
    public static Reply Stat(Call c) => StatPath(c, -1, 0, c.Args[1], follow: true);
    public static Reply Lstat(Call c) => StatPath(c, -1, 0, c.Args[1], follow: false);
    public static Reply Fstat(Call c) => WriteStat(c, c.Args[1], StatOfFd(c, c.IntArg(0), out var st), st);

    public static Reply Newfstatat(Call c)
    {
        var flags = c.IntArg(3);
        return StatPath(c, 0, 1, c.Args[2], (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0, (flags & LinuxAbi.AT_EMPTY_PATH) != 0);
    }

    private static Reply StatPath(Call c, int dirfdArg, int pathArg, ulong buf, bool follow, bool emptyPath = false)
    {
        var err = Resolve(c, dirfdArg, pathArg, emptyPath, follow, out var st);
        return WriteStat(c, buf, err, st);
    }

    /// <summary>Stat of (dirfd, path), or of the dirfd itself for an empty path with AT_EMPTY_PATH.</summary>
    internal static Errno Resolve(Call c, int dirfdArg, int pathArg, bool emptyPath, bool follow, out NodeStat st)
    {
        st = null!;
        string path = "";
        if (c.Args[pathArg] != 0 || !emptyPath)
        {
            var err = c.ReadPath(c.Args[pathArg], out path);
            if (err != Errno.OK) return err;
        }
        if (path.Length == 0)
        {
            if (!emptyPath) return Errno.ENOENT;
            var dirfd = dirfdArg < 0 ? LinuxAbi.AT_FDCWD : c.IntArg(dirfdArg);
            if (dirfd == LinuxAbi.AT_FDCWD) return c.Overlay.Stat(c.Thread.Process.Fs.Cwd, true, c.Op, out st);
            return StatOfFd(c, dirfd, out st);
        }
        var e = c.Absolute(dirfdArg < 0 ? LinuxAbi.AT_FDCWD : c.IntArg(dirfdArg), path, out var abs);
        if (e != Errno.OK) return e;
        return c.Overlay.Stat(abs, follow, c.Op, out st);
    }

    internal static Errno StatOfFd(Call c, int fd, out NodeStat st)
    {
        st = null!;
        var kind = c.Jail.Descriptors.Describe(c.Tid, fd, out var path);
        if (kind == FdKind.Missing) return Errno.EBADF;
        if (kind == FdKind.File && c.Overlay.Stat(path, false, c.Op, out st) == Errno.OK) return Errno.OK;
        // Not a file of the merged view: the real object's stat (pipes, sockets, anonymous inodes, deleted files).
        var err = c.Jail.FetchFd(c.Tgid, fd, out var copy);
        using var _copy = copy;
        if (err != Errno.OK) return Errno.EBADF;
        return HostFs.Fstat(copy.Fd, out st);
    }

    /// <summary>What the caller is shown: under --fake-root, objects owned by the user running ujail appear as
    /// root's (as fakeroot and proot -0 show them), so the jailed root owns the user's files the way a real root
    /// installing in its own home would (git's safe.directory, tar and cp -p ownership checks). Only the answer
    /// changes: the overlay keeps the real owner, permission checks use it, and `ujail diff` is unaffected.</summary>
    internal static NodeStat Shown(Call c, NodeStat st)
    {
        if (!c.Jail.Options.FakeRoot || (c.Jail.HostUid == 0 && c.Jail.HostGid == 0)) return st;
        if (st.Uid != c.Jail.HostUid && st.Gid != c.Jail.HostGid) return st;
        return st with { Uid = st.Uid == c.Jail.HostUid ? 0 : st.Uid, Gid = st.Gid == c.Jail.HostGid ? 0 : st.Gid };
    }

    private static Reply WriteStat(Call c, ulong buf, Errno err, NodeStat st)
    {
        if (err != Errno.OK) return Reply.Fail(err);
        Span<byte> bytes = stackalloc byte[UjailOverlay.Linux.Interop.Stat.Size];
        StatEncoder.WriteStat(Shown(c, st), bytes);
        err = c.WriteBytes(buf, bytes);
        return err == Errno.OK ? Reply.Ok() : Reply.Fail(Errno.EFAULT);
    }

    public static Reply Statx(Call c)
    {
        var flags = c.IntArg(2);
        if ((flags & ~(LinuxAbi.AT_SYMLINK_NOFOLLOW | LinuxAbi.AT_EMPTY_PATH | LinuxAbi.AT_NO_AUTOMOUNT | 0x6000 /* AT_STATX_SYNC_TYPE */)) != 0)
            return Reply.Fail(Errno.EINVAL);
        var mask = c.UIntArg(3);
        if ((mask & 0x80000000) != 0) return Reply.Fail(Errno.EINVAL); // STATX__RESERVED
        var err = Resolve(c, 0, 1, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0, out var st);
        if (err != Errno.OK) return Reply.Fail(err);
        Span<byte> bytes = stackalloc byte[UjailOverlay.Linux.Interop.Statx.Size];
        StatEncoder.WriteStatx(Shown(c, st), mask, null, bytes);
        err = c.WriteBytes(c.Args[4], bytes);
        return err == Errno.OK ? Reply.Ok() : Reply.Fail(Errno.EFAULT);
    }

    public static Reply Statfs(Call c)
    {
        var err = c.PathAt(-1, 0, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.Overlay.Open(abs, OpenFlags.Path, 0, c.Op, out var r);
        if (err != Errno.OK) return Reply.Fail(err);
        var real = r.Backing.Kind == BackingKind.Upper ? c.Jail.UpperRoot : r.Backing.Kind == BackingKind.VirtualDevice ? "/dev" : r.Backing.Path;
        Span<byte> bytes = stackalloc byte[HostIo.StatfsSize];
        err = HostIo.Statfs(real, bytes);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.WriteBytes(c.Args[1], bytes);
        return err == Errno.OK ? Reply.Ok() : Reply.Fail(Errno.EFAULT);
    }

    public static Reply Access(Call c) => AccessAt(c, -1, 0, c.IntArg(1), 0);
    public static Reply Faccessat(Call c) => AccessAt(c, 0, 1, c.IntArg(2), 0);
    public static Reply Faccessat2(Call c) => AccessAt(c, 0, 1, c.IntArg(2), c.IntArg(3));

    private static Reply AccessAt(Call c, int dirfdArg, int pathArg, int mode, int flags)
    {
        if ((mode & ~7) != 0) return Reply.Fail(Errno.EINVAL);
        if ((flags & ~(LinuxAbi.AT_EACCESS | LinuxAbi.AT_SYMLINK_NOFOLLOW | LinuxAbi.AT_EMPTY_PATH)) != 0) return Reply.Fail(Errno.EINVAL);
        var err = c.PathAtOrFd(dirfdArg < 0 ? -1 : dirfdArg, pathArg, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out var abs, out _);
        if (err != Errno.OK) return Reply.Fail(err);
        var op = (flags & LinuxAbi.AT_EACCESS) != 0 ? c.Op : c.RealOp;
        return Reply.Of(c.Overlay.Access(abs, (AccessMask)mode, (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0, op));
    }

    public static Reply Readlink(Call c) => ReadlinkAt(c, -1, 0, c.Args[1], c.LongArg(2));
    public static Reply Readlinkat(Call c) => ReadlinkAt(c, 0, 1, c.Args[2], c.LongArg(3));

    private static Reply ReadlinkAt(Call c, int dirfdArg, int pathArg, ulong buf, long size)
    {
        if (size <= 0) return Reply.Fail(Errno.EINVAL);
        var err = c.PathAt(dirfdArg, pathArg, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.Overlay.ReadLink(abs, c.Op, out var target);
        if (err != Errno.OK) return Reply.Fail(err);
        var bytes = FileNameEncoding.Encode(target);
        var n = (int)Math.Min(bytes.Length, size);
        err = c.WriteBytes(buf, bytes.AsSpan(0, n));
        return err == Errno.OK ? Reply.Ok(n) : Reply.Fail(Errno.EFAULT);
    }
}
