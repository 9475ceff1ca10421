// chmod, chown, utime*, truncate and their fd and *at forms. Every change is virtual (the index); a
// descriptor's target is found from the caller's descriptor, never by letting the kernel act on it, so an fd
// that reaches a host file never changes that file.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Handlers;

internal static class AttributeHandlers
{
    /// <summary>The virtual path of a descriptor for a metadata change (EBADF for a non-file: pipes and sockets
    /// have no place in the merged view; their metadata lives in the kernel only).</summary>
    internal static Errno FdPath(Call c, int fd, out string path)
    {
        var kind = c.Jail.Descriptors.Describe(c.Tid, fd, out path);
        return kind switch { FdKind.File => Errno.OK, FdKind.Missing => Errno.EBADF, _ => Errno.EOPNOTSUPP };
    }

    public static Reply Chmod(Call c) => ChmodAt(c, -1, 0, c.UIntArg(1), 0);
    public static Reply Fchmodat(Call c) => ChmodAt(c, 0, 1, c.UIntArg(2), 0);
    public static Reply Fchmodat2(Call c) => ChmodAt(c, 0, 1, c.UIntArg(2), c.IntArg(3));

    public static Reply Fchmod(Call c)
    {
        var err = FdPath(c, c.IntArg(0), out var path);
        if (err == Errno.EOPNOTSUPP) return Reply.Ok(); // a pipe or socket: nothing of the file system changes
        return err != Errno.OK ? Reply.Fail(err) : Reply.Of(c.Overlay.Chmod(path, c.UIntArg(1), false, c.Op));
    }

    private static Reply ChmodAt(Call c, int dirfdArg, int pathArg, uint mode, int flags)
    {
        if ((flags & ~(LinuxAbi.AT_SYMLINK_NOFOLLOW | LinuxAbi.AT_EMPTY_PATH)) != 0) return Reply.Fail(Errno.EINVAL);
        var err = c.PathAtOrFd(dirfdArg, pathArg, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out var abs, out var isFd);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Chmod(abs, mode, !isFd && (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0, c.Op));
    }

    public static Reply Chown(Call c) => ChownAt(c, -1, 0, c.UIntArg(1), c.UIntArg(2), 0);
    public static Reply Lchown(Call c) => ChownAt(c, -1, 0, c.UIntArg(1), c.UIntArg(2), LinuxAbi.AT_SYMLINK_NOFOLLOW);
    public static Reply Fchownat(Call c) => ChownAt(c, 0, 1, c.UIntArg(2), c.UIntArg(3), c.IntArg(4));

    public static Reply Fchown(Call c)
    {
        var err = FdPath(c, c.IntArg(0), out var path);
        if (err == Errno.EOPNOTSUPP) return Reply.Ok();
        return err != Errno.OK ? Reply.Fail(err) : Reply.Of(c.Overlay.Chown(path, c.UIntArg(1), c.UIntArg(2), false, c.Op));
    }

    private static Reply ChownAt(Call c, int dirfdArg, int pathArg, uint uid, uint gid, int flags)
    {
        if ((flags & ~(LinuxAbi.AT_SYMLINK_NOFOLLOW | LinuxAbi.AT_EMPTY_PATH)) != 0) return Reply.Fail(Errno.EINVAL);
        var err = c.PathAtOrFd(dirfdArg, pathArg, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out var abs, out var isFd);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Chown(abs, uid, gid, !isFd && (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0, c.Op));
    }

    /// <summary>utime(path, struct utimbuf*): actime and modtime in seconds; NULL means now.</summary>
    public static Reply Utime(Call c)
    {
        var err = c.PathAt(-1, 0, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        if (c.Args[1] == 0) return Reply.Of(c.Overlay.Utimens(abs, TimeUpdate.Now, TimeUpdate.Now, true, c.Op));
        err = c.ReadBytes(c.Args[1], 16, out var b);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Utimens(abs, TimeUpdate.Set(new Timespec(BitConverter.ToInt64(b, 0), 0)),
            TimeUpdate.Set(new Timespec(BitConverter.ToInt64(b, 8), 0)), true, c.Op));
    }

    public static Reply Utimes(Call c) => TimevalAt(c, -1, 0, c.Args[1]);
    public static Reply Futimesat(Call c) => TimevalAt(c, 0, 1, c.Args[2]);

    private static Reply TimevalAt(Call c, int dirfdArg, int pathArg, ulong times)
    {
        var err = c.PathAt(dirfdArg, pathArg, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        if (times == 0) return Reply.Of(c.Overlay.Utimens(abs, TimeUpdate.Now, TimeUpdate.Now, true, c.Op));
        err = c.ReadBytes(times, 32, out var b);
        if (err != Errno.OK) return Reply.Fail(err);
        var (a, m) = (ToTimespec(b, 0), ToTimespec(b, 16));
        if (a is null || m is null) return Reply.Fail(Errno.EINVAL);
        return Reply.Of(c.Overlay.Utimens(abs, TimeUpdate.Set(a.Value), TimeUpdate.Set(m.Value), true, c.Op));
    }

    private static Timespec? ToTimespec(byte[] timeval, int offset)
    {
        var usec = BitConverter.ToInt64(timeval, offset + 8);
        if (usec is < 0 or >= 1_000_000) return null;
        return new Timespec(BitConverter.ToInt64(timeval, offset), usec * 1000);
    }

    /// <summary>utimensat(dirfd, path, times[2], flags); a NULL path means the descriptor itself (futimens).</summary>
    public static Reply Utimensat(Call c)
    {
        var flags = c.IntArg(3);
        if ((flags & ~(LinuxAbi.AT_SYMLINK_NOFOLLOW | LinuxAbi.AT_EMPTY_PATH)) != 0) return Reply.Fail(Errno.EINVAL);
        TimeUpdate atime = TimeUpdate.Now, mtime = TimeUpdate.Now;
        if (c.Args[2] != 0)
        {
            var e = c.ReadBytes(c.Args[2], 32, out var b);
            if (e != Errno.OK) return Reply.Fail(e);
            var a = Decode(BitConverter.ToInt64(b, 0), BitConverter.ToInt64(b, 8));
            var m = Decode(BitConverter.ToInt64(b, 16), BitConverter.ToInt64(b, 24));
            if (a is null || m is null) return Reply.Fail(Errno.EINVAL);
            (atime, mtime) = (a.Value, m.Value);
        }
        string abs;
        bool isFd;
        if (c.Args[1] == 0)
        {
            if (c.IntArg(0) == LinuxAbi.AT_FDCWD) return Reply.Fail(Errno.EFAULT);
            var e = FdPath(c, c.IntArg(0), out abs);
            if (e == Errno.EOPNOTSUPP) return Reply.Ok();
            if (e != Errno.OK) return Reply.Fail(e);
            isFd = true;
        }
        else
        {
            var e = c.PathAtOrFd(0, 1, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out abs, out isFd);
            if (e != Errno.OK) return Reply.Fail(e);
        }
        return Reply.Of(c.Overlay.Utimens(abs, atime, mtime, !isFd && (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0, c.Op));
    }

    private static TimeUpdate? Decode(long sec, long nsec) => nsec switch
    {
        LinuxAbi.UTIME_NOW => TimeUpdate.Now,
        LinuxAbi.UTIME_OMIT => TimeUpdate.Omit,
        >= 0 and < 1_000_000_000 => TimeUpdate.Set(new Timespec(sec, nsec)),
        _ => null,
    };

    public static Reply Truncate(Call c)
    {
        var err = c.PathAt(-1, 0, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Truncate(abs, c.LongArg(1), c.Op));
    }

    /// <summary>ftruncate on the caller's own descriptor, done on a pidfd_getfd copy (the kernel checks the
    /// descriptor is open for writing). Allowed where it cannot change a host file: upper files (also after
    /// unlink) and memfds; an inherited writable host file is refused.</summary>
    public static Reply Ftruncate(Call c)
    {
        if (c.LongArg(1) < 0) return Reply.Fail(Errno.EINVAL);
        var err = c.CallerFd(c.IntArg(0), out var copy);
        using var _copy = copy;
        if (err != Errno.OK) return Reply.Fail(Errno.EBADF);
        var real = HostIo.FdRealPath(copy);
        var mayChange = c.Jail.Descriptors.IsUpperPath(real) || real.StartsWith("/memfd:", StringComparison.Ordinal);
        if (!mayChange)
        {
            if (HostIo.IsOpenForWriting(copy) && HostFs.Fstat(copy.Fd, out var st) == Errno.OK && st.Type == NodeType.Regular)
                return Reply.Fail(Errno.EPERM); // a writable host file inherited from outside the jail
            return Reply.Fail(Errno.EINVAL);
        }
        return Reply.Of(HostIo.Ftruncate(copy, c.LongArg(1)));
    }
}
