// HostUpperTree operations on one object's content and metadata: lstat, real mode, truncate, streams.
// Opens of the final name use O_NOFOLLOW (a symlink is ELOOP) and O_NONBLOCK (a FIFO where a file was
// expected must not hang), and check with fstat that a regular file was reached.
using Microsoft.Win32.SafeHandles;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public sealed unsafe partial class HostUpperTree
{
    public Errno Lstat(string rel, out NodeStat stat)
    {
        stat = null!;
        if (rel.Length == 0)
            return HostFs.Fstat(_upper.Fd, out stat);
        var e = OpenParent(rel, out var parent, out var name);
        if (e != Errno.OK)
            return e;
        using (parent)
            return HostFs.LstatAt(parent.Fd, name, out stat);
    }

    /// <summary>Regular files get (perm &amp; 0111) | 0600, directories 0700, FIFOs and sockets 0600;
    /// symlinks are left alone.</summary>
    public Errno SetRealMode(string rel, uint perm)
    {
        var e = OpenFinal(rel, O_PATH | O_NOFOLLOW, out var fd);
        if (e != Errno.OK)
            return e;
        using (fd)
        {
            if ((e = HostFs.FstatRaw(fd.Fd, out var st)) != Errno.OK)
                return e;
            uint mode = Mode.TypeOf(st.st_mode) switch
            {
                NodeType.Regular => (perm & Mode.ExecuteBits) | FileMode,
                NodeType.Directory => DirMode,
                NodeType.Symlink => 0,
                _ => FileMode,
            };
            return mode == 0 ? Errno.OK : ChmodFd(fd.Fd, mode);
        }
    }

    /// <summary>utimensat(2) on the real object, not following it; a null time is UTIME_OMIT.</summary>
    public unsafe Errno SetTimes(string rel, Timespec? atime, Timespec? mtime)
    {
        // utimensat beneath the parent without following the final name: one call, no open of the file
        // (the parent was reached with RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS).
        const long UTIME_OMIT = (1L << 30) - 2;
        var times = stackalloc KernelTimespec[2];
        times[0] = atime is { } a ? new KernelTimespec { tv_sec = a.Sec, tv_nsec = a.Nsec } : new KernelTimespec { tv_nsec = UTIME_OMIT };
        times[1] = mtime is { } m ? new KernelTimespec { tv_sec = m.Sec, tv_nsec = m.Nsec } : new KernelTimespec { tv_nsec = UTIME_OMIT };
        if (rel.Length == 0)
            return Errno.EINVAL;
        return AtParent(rel, (dirfd, name) => Libc.Check(Libc.utimensat(dirfd, name, times, AT_SYMLINK_NOFOLLOW)));
    }

    public Errno Truncate(string rel, long length)
    {
        if (length < 0)
            return Errno.EINVAL;
        var e = OpenRegular(rel, O_WRONLY, out var fd);
        if (e != Errno.OK)
            return e;
        using (fd)
            return Libc.Check(Libc.ftruncate(fd.Fd, length));
    }

    public Errno OpenRead(string rel, out Stream stream)
    {
        stream = Stream.Null;
        var e = OpenRegular(rel, O_RDONLY, out var fd);
        if (e != Errno.OK)
            return e;
        stream = new FileStream(new SafeFileHandle(fd.Detach(), ownsHandle: true), FileAccess.Read);
        return Errno.OK;
    }

    public Errno OpenWrite(string rel, bool truncate, bool append, out Stream stream)
    {
        stream = Stream.Null;
        var e = OpenRegular(rel, O_WRONLY | (append ? O_APPEND : 0), out var fd);
        if (e != Errno.OK)
            return e;
        // Truncate only once the object is known to be a regular file of ours.
        if (truncate && (e = Libc.Check(Libc.ftruncate(fd.Fd, 0))) != Errno.OK)
        {
            fd.Dispose();
            return e;
        }
        var fs = new FileStream(new SafeFileHandle(fd.Detach(), ownsHandle: true), FileAccess.Write);
        if (append)
            fs.Seek(0, SeekOrigin.End); // the kernel appends anyway (O_APPEND); keep Position truthful
        stream = fs;
        return Errno.OK;
    }

    /// <summary>Opens rel's final object (not following it) with flags | O_NOFOLLOW.</summary>
    private Errno OpenFinal(string rel, int flags, out SafeFd fd)
    {
        fd = SafeFd.Adopt(-1);
        if (rel.Length == 0)
            return HostFs.OpenAt2(_upper.Fd, "", flags, 0, Resolve, out fd);
        var e = OpenParent(rel, out var parent, out var name);
        if (e != Errno.OK)
            return e;
        using (parent)
            return HostFs.OpenAt(parent.Fd, name, flags | O_NOFOLLOW, 0, out fd);
    }

    private Errno OpenRegular(string rel, int flags, out SafeFd fd)
    {
        var e = OpenFinal(rel, flags | O_NONBLOCK | O_NOCTTY, out fd);
        if (e != Errno.OK)
            return e;
        if ((e = HostFs.FstatRaw(fd.Fd, out var st)) == Errno.OK)
        {
            var type = Mode.TypeOf(st.st_mode);
            e = type == NodeType.Regular ? Errno.OK : type == NodeType.Directory ? Errno.EISDIR : Errno.EINVAL;
        }
        if (e == Errno.OK && (e = Libc.Check(Libc.fcntl(fd.Fd, F_SETFL, Libc.fcntl(fd.Fd, F_GETFL, 0) & ~O_NONBLOCK))) == Errno.OK)
            return Errno.OK;
        fd.Dispose();
        fd = SafeFd.Adopt(-1);
        return e;
    }
}
