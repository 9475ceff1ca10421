// The reference side's system calls, made through UjailOverlay.Linux's Libc.syscall so that every errno is the
// kernel's own. This test project is not compiled with unsafe code, so buffers are pinned with GCHandle and
// passed as addresses; the numbers are x86_64's (arch/x86/entry/syscalls/syscall_64.tbl), like the rest of the
// interop layer (Uapi.unistd_64.arch-x64.cs). Each call reads errno right after the syscall, before anything
// else could overwrite it.
using System.Runtime.InteropServices;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Core.Tests.Model;

internal static class Sys
{
    private const long SYS_read = 0, SYS_write = 1, SYS_truncate = 76, SYS_setxattr = 188, SYS_getxattr = 191;
    private const long SYS_listxattr = 194, SYS_removexattr = 197, SYS_mkdirat = 258, SYS_fchownat = 260;
    private const long SYS_unlinkat = 263, SYS_linkat = 265, SYS_symlinkat = 266, SYS_fchmodat = 268;
    private const long SYS_utimensat = 280, SYS_renameat2 = 316;
    private const long UTIME_OMIT = (1L << 30) - 2;

    public const int AT_FDCWD = Uapi.AT_FDCWD;

    public static Errno Mkdirat(int dirfd, string name, uint mode)
    {
        using var n = Pin.Str(name);
        return Call(SYS_mkdirat, dirfd, n.Addr, mode);
    }

    public static Errno Unlinkat(int dirfd, string name, int flags)
    {
        using var n = Pin.Str(name);
        return Call(SYS_unlinkat, dirfd, n.Addr, flags);
    }

    public static Errno Renameat2(int olddir, string oldName, int newdir, string newName, uint flags)
    {
        using var o = Pin.Str(oldName);
        using var n = Pin.Str(newName);
        return Call(SYS_renameat2, olddir, o.Addr, newdir, n.Addr, flags);
    }

    public static Errno Linkat(int olddir, string oldName, int newdir, string newName, int flags)
    {
        using var o = Pin.Str(oldName);
        using var n = Pin.Str(newName);
        return Call(SYS_linkat, olddir, o.Addr, newdir, n.Addr, flags);
    }

    public static Errno Symlinkat(string target, int newdir, string name)
    {
        using var t = Pin.Str(target);
        using var n = Pin.Str(name);
        return Call(SYS_symlinkat, t.Addr, newdir, n.Addr);
    }

    /// <summary>fchmodat(AT_FDCWD, path, mode): the kernel call has no flags; it follows a final symlink.</summary>
    public static Errno Chmod(string path, uint mode)
    {
        using var p = Pin.Str(path);
        return Call(SYS_fchmodat, AT_FDCWD, p.Addr, mode);
    }

    public static Errno Chown(string path, uint uid, uint gid, int flags)
    {
        using var p = Pin.Str(path);
        return Call(SYS_fchownat, AT_FDCWD, p.Addr, uid, gid, flags);
    }

    public static Errno Utimens(string path, Timespec? atime, Timespec? mtime, int flags)
    {
        using var p = Pin.Str(path);
        using var t = new Pin(new long[]
        {
            atime?.Sec ?? 0, atime?.Nsec ?? UTIME_OMIT,
            mtime?.Sec ?? 0, mtime?.Nsec ?? UTIME_OMIT,
        });
        return Call(SYS_utimensat, AT_FDCWD, p.Addr, t.Addr, flags);
    }

    public static Errno Truncate(string path, long length)
    {
        using var p = Pin.Str(path);
        return Call(SYS_truncate, p.Addr, length);
    }

    /// <summary>setxattr(2) (follows the final component: callers pass /proc/self/fd/N).</summary>
    public static Errno SetXattr(string path, string name, byte[] value, int flags)
    {
        using var p = Pin.Str(path);
        using var n = Pin.Str(name);
        using var v = new Pin(value.Length == 0 ? new byte[1] : value);
        return Call(SYS_setxattr, p.Addr, n.Addr, v.Addr, value.Length, flags);
    }

    public static Errno RemoveXattr(string path, string name)
    {
        using var p = Pin.Str(path);
        using var n = Pin.Str(name);
        return Call(SYS_removexattr, p.Addr, n.Addr);
    }

    public static Errno GetXattr(string path, string name, out byte[] value)
    {
        using var p = Pin.Str(path);
        using var n = Pin.Str(name);
        var buf = new byte[65536];
        using var b = new Pin(buf);
        var rc = Libc.syscall(SYS_getxattr, p.Addr, n.Addr, b.Addr, buf.Length, 0, 0);
        var e = rc < 0 ? Libc.LastErrno() : Errno.OK;
        value = rc < 0 ? [] : buf[..(int)rc];
        return e;
    }

    public static Errno ListXattr(string path, out List<string> names)
    {
        using var p = Pin.Str(path);
        var buf = new byte[65536];
        using var b = new Pin(buf);
        var rc = Libc.syscall(SYS_listxattr, p.Addr, b.Addr, buf.Length, 0, 0, 0);
        names = [];
        if (rc < 0) return Libc.LastErrno();
        foreach (var range in buf.AsSpan(0, (int)rc).Split((byte)0))
            if (range.End.Value > range.Start.Value) names.Add(FileNameEncoding.Decode(buf.AsSpan(range)));
        return Errno.OK;
    }

    public static Errno Write(int fd, byte[] data)
    {
        if (data.Length == 0) return Errno.OK;
        using var b = new Pin(data);
        var rc = Libc.syscall(SYS_write, fd, b.Addr, data.Length, 0, 0, 0);
        if (rc < 0) return Libc.LastErrno();
        return rc == data.Length ? Errno.OK : Errno.EIO;
    }

    public static Errno ReadAll(int fd, out byte[] content)
    {
        var all = new MemoryStream();
        var buf = new byte[4096];
        using var b = new Pin(buf);
        content = [];
        while (true)
        {
            var rc = Libc.syscall(SYS_read, fd, b.Addr, buf.Length, 0, 0, 0);
            if (rc < 0) return Libc.LastErrno();
            if (rc == 0) break;
            all.Write(buf, 0, (int)rc);
        }
        content = all.ToArray();
        return Errno.OK;
    }

    private static Errno Call(long nr, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0) =>
        Libc.Check(Libc.syscall(nr, a1, a2, a3, a4, a5, 0));

    /// <summary>An array pinned for the duration of one call.</summary>
    private sealed class Pin : IDisposable
    {
        private GCHandle _handle;

        public Pin(Array data) => _handle = GCHandle.Alloc(data, GCHandleType.Pinned);

        public static Pin Str(string s) => new(CPath.Of(s));

        public long Addr => _handle.AddrOfPinnedObject();

        public void Dispose() => _handle.Free();
    }
}
