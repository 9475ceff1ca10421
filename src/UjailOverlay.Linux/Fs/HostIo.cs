// Small descriptor and path operations the engine performs in the supervisor: byte I/O on its own sockets and
// files, file positions of directory copies, truncation, statfs, inotify watches and path reads. Paths here
// are host paths the engine already decided on (never a tracee's string).
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public static unsafe class HostIo
{
    public static int StatfsSize => sizeof(Statfs);

    /// <summary>read(2) once; returns the count or -errno.</summary>
    public static int Read(SafeFd fd, Span<byte> buf)
    {
        fixed (byte* p = buf)
        {
            var n = Libc.read(fd.Fd, p, (nuint)buf.Length);
            return n < 0 ? -(int)Libc.LastErrno() : (int)n;
        }
    }

    /// <summary>pread(2) once at <paramref name="offset"/>; returns the count or -errno.</summary>
    public static int ReadAt(SafeFd fd, Span<byte> buf, long offset)
    {
        fixed (byte* p = buf)
        {
            var n = Libc.pread(fd.Fd, p, (nuint)buf.Length, offset);
            return n < 0 ? -(int)Libc.LastErrno() : (int)n;
        }
    }

    /// <summary>Whether fd is an open descriptor of this process (fcntl F_GETFD succeeds).</summary>
    public static bool IsOpenDescriptor(int fd) => fd >= 0 && Libc.fcntl(fd, F_GETFD, 0) >= 0;

    /// <summary>Whether fd is open and not close-on-exec: one this process inherited (it survived the exec that
    /// started it). Everything the .NET runtime and ujail open themselves is close-on-exec.</summary>
    public static bool IsInheritedDescriptor(int fd)
    {
        var flags = fd >= 0 ? Libc.fcntl(fd, F_GETFD, 0) : -1;
        return flags >= 0 && (flags & FD_CLOEXEC) == 0;
    }

    /// <summary>Waits up to timeoutMs for the descriptor to be readable (data, end of file or an error);
    /// false when the time ran out.</summary>
    public static bool WaitReadable(SafeFd fd, int timeoutMs)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var pfd = new PollFd { fd = fd.Fd, events = POLLIN };
            var left = (int)Math.Max(0, deadline - Environment.TickCount64);
            var rc = Libc.poll(&pfd, 1, left);
            if (rc > 0) return true;
            if (rc == 0 || Libc.LastErrno() != Errno.EINTR) return rc != 0;
        }
    }

    /// <summary>Reads exactly buf.Length bytes (retrying on EINTR); EPIPE at end of file.</summary>
    public static Errno ReadExactly(SafeFd fd, Span<byte> buf)
    {
        var done = 0;
        while (done < buf.Length)
        {
            var n = Read(fd, buf[done..]);
            if (n == -(int)Errno.EINTR) continue;
            if (n < 0) return (Errno)(-n);
            if (n == 0) return Errno.EPIPE;
            done += n;
        }
        return Errno.OK;
    }

    public static Errno WriteAll(SafeFd fd, ReadOnlySpan<byte> buf)
    {
        fixed (byte* p = buf)
        {
            var done = 0;
            while (done < buf.Length)
            {
                var n = Libc.write(fd.Fd, p + done, (nuint)(buf.Length - done));
                if (n < 0)
                {
                    var e = Libc.LastErrno();
                    if (e == Errno.EINTR) continue;
                    return e;
                }
                done += (int)n;
            }
            if (buf.Length == 0) Libc.write(fd.Fd, p, 0);
        }
        return Errno.OK;
    }

    /// <summary>The file position (lseek SEEK_CUR), or -1.</summary>
    public static long Tell(SafeFd fd) => Libc.lseek(fd.Fd, 0, 1);

    public static Errno Seek(SafeFd fd, long position) => Libc.Check(Libc.lseek(fd.Fd, position, 0));

    public static Errno Ftruncate(SafeFd fd, long length) => Libc.Check(Libc.ftruncate(fd.Fd, length));

    public static bool IsOpenForWriting(SafeFd fd)
    {
        var flags = Libc.fcntl(fd.Fd, F_GETFL, 0);
        return flags >= 0 && (flags & O_ACCMODE) != O_RDONLY;
    }

    /// <summary>getdents64(2) into buf: the byte count, or -errno.</summary>
    public static int Getdents64(SafeFd fd, Span<byte> buf)
    {
        fixed (byte* p = buf)
        {
            var n = Libc.getdents64(fd.Fd, p, (nuint)buf.Length);
            return n < 0 ? -(int)Libc.LastErrno() : (int)n;
        }
    }

    /// <summary>inotify_add_watch on the supervisor's copy of the caller's inotify fd: wd or -errno.</summary>
    public static int InotifyAddWatch(SafeFd inotify, string path, uint mask)
    {
        var bytes = CPath.Of(path);
        fixed (byte* p = bytes)
        {
            var wd = Libc.inotify_add_watch(inotify.Fd, p, mask);
            return wd < 0 ? -(int)Libc.LastErrno() : wd;
        }
    }

    /// <summary>statfs(2) of a host path into the kernel's struct statfs layout.</summary>
    public static Errno Statfs(string path, Span<byte> dst)
    {
        if (dst.Length < sizeof(Statfs)) return Errno.EINVAL;
        var bytes = CPath.Of(path);
        Statfs st;
        fixed (byte* p = bytes)
            if (Libc.statfs(p, &st) != 0) return Libc.LastErrno();
        new ReadOnlySpan<byte>(&st, sizeof(Statfs)).CopyTo(dst);
        return Errno.OK;
    }

    /// <summary>readlink(2) of a host path (procfs links included).</summary>
    public static Errno ReadLink(string path, out string target) => HostFs.ReadLinkAt(AT_FDCWD, path, out target);

    /// <summary>stat(2) of a host path, following links (for /proc/PID/exe and decided exec targets).</summary>
    public static Errno StatPath(string path, out NodeStat stat)
    {
        stat = null!;
        var e = HostFs.OpenAt(AT_FDCWD, path, O_PATH | O_CLOEXEC, 0, out var fd);
        if (e != Errno.OK) return e;
        using (fd) return HostFs.Fstat(fd.Fd, out stat);
    }

    /// <summary>An O_PATH|O_DIRECTORY descriptor of a host directory (the upper root).</summary>
    public static Errno OpenDirectoryPath(string path, out SafeFd fd) =>
        HostFs.OpenAt(AT_FDCWD, path, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, out fd);

    /// <summary>open(2) of a path the supervisor built itself (/proc/self/fd/N reopen).</summary>
    public static Errno OpenPath(string path, int flags, out SafeFd fd) => HostFs.OpenAt(AT_FDCWD, path, flags, 0, out fd);

    /// <summary>mkdirat(2) of one name in a directory the supervisor holds.</summary>
    public static Errno MakeDirectoryAt(int dirfd, string name, uint mode)
    {
        var bytes = CPath.Of(name);
        fixed (byte* p = bytes) return Libc.Check(Libc.mkdirat(dirfd, p, mode));
    }

    /// <summary>The kernel's path of one of the supervisor's own descriptors.</summary>
    public static string FdRealPath(SafeFd fd) => HostFs.FdPath(fd.Fd, out var p) == Errno.OK ? p : "";
}

public static unsafe class HostLinks
{
    /// <summary>Gives an open, unnamed file (O_TMPFILE) the name dir/name: linkat through /proc/self/fd, which
    /// needs no CAP_DAC_READ_SEARCH (linkat(2), AT_SYMLINK_FOLLOW on a /proc fd link).</summary>
    public static Errno LinkDescriptor(SafeFd file, SafeFd dir, string name)
    {
        var from = CPath.Of($"/proc/self/fd/{file.Fd}");
        var to = CPath.Of(name);
        fixed (byte* f = from)
        fixed (byte* t = to)
            return Libc.Check(Libc.linkat(AT_FDCWD, f, dir.Fd, t, AT_SYMLINK_FOLLOW));
    }
}
