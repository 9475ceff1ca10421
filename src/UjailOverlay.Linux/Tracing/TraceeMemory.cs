// Copies between tracee memory and ours with process_vm_readv/writev(2) (needs PTRACE_MODE_ATTACH_REALCREDS
// over the target). A string argument is copied in ONCE, in page-bounded chunks (a chunk never straddles a
// page, so an unmapped page after the NUL cannot fail the read); that copy is the only one any decision may
// use: the tracee's other threads can rewrite the original at any time (threat-model.md row 1; gVisor's
// copyInPath). Path rules follow getname(): no NUL within PATH_MAX bytes is ENAMETOOLONG, a fault is EFAULT.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Tracing;

[System.Runtime.CompilerServices.SkipLocalsInit] // buffers are read only where process_vm_readv wrote them
public static unsafe class TraceeMemory
{
    private static readonly int PageSize = Environment.SystemPageSize;
    private const int FirstChunk = 256;

    /// <summary>Reads a NUL-terminated string of at most max bytes (NUL included) and decodes it with
    /// FileNameEncoding (lossless: the bytes can be recovered with FileNameEncoding.Encode).</summary>
    public static Errno ReadCString(int pid, ulong addr, int max, out string? s)
    {
        s = null;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        byte[]? rented = max > 4096 ? new byte[max] : null;
        Span<byte> buf = rented ?? stackalloc byte[max];
        var e = ReadCStringInto(pid, addr, buf, out int len);
        if (e == Errno.OK)
            s = FileNameEncoding.Decode(buf[..len]);
        return e;
    }

    /// <summary>Reads a NUL-terminated string of at most max bytes (NUL included); the bytes exclude the NUL.</summary>
    public static Errno ReadCStringBytes(int pid, ulong addr, int max, out byte[]? bytes)
    {
        bytes = null;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        byte[]? rented = max > 4096 ? new byte[max] : null;
        Span<byte> buf = rented ?? stackalloc byte[max];
        var e = ReadCStringInto(pid, addr, buf, out int len);
        if (e == Errno.OK)
            bytes = buf[..len].ToArray();
        return e;
    }

    /// <summary>Reads into buf (its length is the limit, NUL included); len excludes the NUL.</summary>
    public static Errno ReadCStringInto(int pid, ulong addr, Span<byte> buf, out int len)
    {
        len = 0;
        int got = 0;
        ulong cur = addr;
        while (got < buf.Length)
        {
            // The first chunk is short: most paths end well within it, and the copy costs by the byte.
            int limit = got == 0 ? FirstChunk : PageSize;
            int toPageEnd = PageSize - (int)(cur % (ulong)PageSize);
            int chunk = Math.Min(Math.Min(toPageEnd, limit), buf.Length - got);
            if (cur + (ulong)chunk < cur)
                return Errno.EFAULT;
            var part = buf.Slice(got, chunk);
            var e = Read(pid, cur, part);
            if (e != Errno.OK)
                return e;
            int nul = part.IndexOf((byte)0);
            if (nul >= 0)
            {
                len = got + nul;
                return Errno.OK;
            }
            got += chunk;
            cur += (ulong)chunk;
        }
        return Errno.ENAMETOOLONG;
    }

    /// <summary>Reads exactly dst.Length bytes; a short read (a fault part way) is EFAULT.</summary>
    public static Errno Read(int pid, ulong addr, Span<byte> dst)
    {
        if (dst.IsEmpty)
            return Errno.OK;
        fixed (byte* p = dst)
        {
            var local = new Iovec { iov_base = (nint)p, iov_len = (nuint)dst.Length };
            var remote = new Iovec { iov_base = (nint)addr, iov_len = (nuint)dst.Length };
            nint n = Libc.process_vm_readv(pid, &local, 1, &remote, 1, 0);
            if (n < 0)
                return Libc.LastErrno();
            return n == dst.Length ? Errno.OK : Errno.EFAULT;
        }
    }

    /// <summary>Writes exactly src.Length bytes; a short write is EFAULT (part may have been written).</summary>
    public static Errno Write(int pid, ulong addr, ReadOnlySpan<byte> src)
    {
        if (src.IsEmpty)
            return Errno.OK;
        fixed (byte* p = src)
        {
            var local = new Iovec { iov_base = (nint)p, iov_len = (nuint)src.Length };
            var remote = new Iovec { iov_base = (nint)addr, iov_len = (nuint)src.Length };
            nint n = Libc.process_vm_writev(pid, &local, 1, &remote, 1, 0);
            if (n < 0)
                return Libc.LastErrno();
            return n == src.Length ? Errno.OK : Errno.EFAULT;
        }
    }

    /// <summary>Reads one unmanaged value (a struct argument such as open_how) by copy.</summary>
    public static Errno Read<T>(int pid, ulong addr, out T value) where T : unmanaged
    {
        T v = default;
        var e = Read(pid, addr, new Span<byte>(&v, sizeof(T)));
        value = v;
        return e;
    }

    public static Errno Write<T>(int pid, ulong addr, in T value) where T : unmanaged
    {
        fixed (T* p = &value)
            return Write(pid, addr, new ReadOnlySpan<byte>(p, sizeof(T)));
    }
}
