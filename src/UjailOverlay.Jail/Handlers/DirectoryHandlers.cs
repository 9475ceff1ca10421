// getdents64 (merged listings), getcwd, chdir, fchdir. The virtual cwd is the truth: the kernel's cwd of a
// jailed process is never used, because every call that takes a path is emulated. getdents64 indexes the
// merged listing and keeps its cursor in the real directory's file position (shared with the caller through a
// pidfd_getfd copy), so lseek/rewinddir/seekdir on the caller's descriptor keep working.
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Handlers;

internal static class DirectoryHandlers
{
    public static Reply Getdents64(Call c)
    {
        var count = (int)Math.Min(c.Args[2], 1 << 20);
        var err = c.Jail.FetchFd(c.Tgid, c.IntArg(0), out var dir);
        using var _dir = dir;
        if (err != Errno.OK) return Reply.Fail(Errno.EBADF);
        var kind = c.Jail.Descriptors.DescribeOwn(dir, out var path);
        if (HostFs.Fstat(dir.Fd, out var real) != Errno.OK) return Reply.Fail(Errno.EBADF);
        if (!real.IsDirectory) return Reply.Fail(Errno.ENOTDIR);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(count);
        try
        {
            return Getdents64(c, dir, kind, path, rented.AsSpan(0, count));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Reply Getdents64(Call c, SafeFd dir, FdKind kind, string path, Span<byte> buffer)
    {
        Errno err;
        int written;
        if (kind != FdKind.File || IsPassThrough(path))
        {
            // /proc, /sys and unlinked directories: the kernel's own listing.
            written = HostIo.Getdents64(dir, buffer);
            if (written < 0) return Reply.Fail((Errno)(-written));
        }
        else
        {
            err = c.Overlay.ListDirectory(path, c.Op, out var entries);
            if (err != Errno.OK) return Reply.Fail(err);
            var position = HostIo.Tell(dir);
            if (position < 0) return Reply.Fail(Errno.EINVAL);
            err = c.Overlay.InodeNumber(path, c.Op, out var self);
            if (err != Errno.OK) return Reply.Fail(err);
            if (c.Overlay.InodeNumber(VirtualPath.Parent(path), c.Op, out var parent) != Errno.OK) parent = self;
            var all = new List<DirEntry>(entries.Count + 2)
            {
                new(".", self, NodeType.Directory),
                new("..", parent, NodeType.Directory),
            };
            all.AddRange(entries);
            var index = (int)Math.Min(position, all.Count);
            var fitted = Dirents.Write(buffer, CollectionsMarshal.AsSpan(all)[index..], index, out written);
            if (fitted == 0 && index < all.Count) return Reply.Fail(Errno.EINVAL); // buffer too small for one entry
            index += fitted;
            HostIo.Seek(dir, index);
        }
        err = c.WriteBytes(c.Args[1], buffer[..written]);
        return err == Errno.OK ? Reply.Ok(written) : Reply.Fail(Errno.EFAULT);
    }

    private static bool IsPassThrough(string path) =>
        VirtualPath.IsAtOrBeneath(path, "/proc") || VirtualPath.IsAtOrBeneath(path, "/sys");

    /// <summary>The legacy getdents (struct linux_dirent) is not used by any current libc: refuse it plainly.</summary>
    public static Reply Getdents(Call c) => Reply.Fail(Errno.ENOSYS);

    public static Reply Getcwd(Call c)
    {
        var cwd = Call.CString(c.Thread.Process.Fs.Cwd);
        if ((long)c.Args[1] < cwd.Length) return Reply.Fail(Errno.ERANGE);
        var err = c.WriteBytes(c.Args[0], cwd);
        return err == Errno.OK ? Reply.Ok(cwd.Length) : Reply.Fail(Errno.EFAULT);
    }

    public static Reply Chdir(Call c)
    {
        var err = c.PathAt(-1, 0, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        return ChangeTo(c, abs);
    }

    public static Reply Fchdir(Call c)
    {
        var kind = c.Jail.Descriptors.Describe(c.Tid, c.IntArg(0), out var path);
        if (kind == FdKind.Missing) return Reply.Fail(Errno.EBADF);
        if (kind != FdKind.File) return Reply.Fail(Errno.ENOTDIR);
        return ChangeTo(c, path);
    }

    private static Reply ChangeTo(Call c, string abs)
    {
        var err = c.Overlay.RealPath(abs, c.Op, out var canonical);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.Overlay.Stat(canonical, true, c.Op, out var st);
        if (err != Errno.OK) return Reply.Fail(err);
        if (!st.IsDirectory) return Reply.Fail(Errno.ENOTDIR);
        err = c.Overlay.Access(canonical, AccessMask.Execute, true, c.Op);
        if (err != Errno.OK) return Reply.Fail(err);
        c.Thread.Process.Fs.Cwd = canonical;
        return Reply.Ok();
    }
}
