// Socket calls the supervisor makes: the control socketpair with the trampoline, and bind/connect/sendmsg
// performed on a pidfd_getfd copy of a jailed program's socket with an address (and, for a send, data and
// ancillary data) the supervisor copied (so the kernel never re-reads the caller's memory).
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Ipc;

public static unsafe class Sockets
{
    public static Errno SocketPair(out SafeFd a, out SafeFd b)
    {
        var sv = stackalloc int[2];
        a = b = SafeFd.Adopt(-1);
        if (Libc.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return Libc.LastErrno();
        a = SafeFd.Adopt(sv[0]);
        b = SafeFd.Adopt(sv[1]);
        return Errno.OK;
    }

    public static Errno Bind(SafeFd sock, ReadOnlySpan<byte> addr)
    {
        fixed (byte* p = addr) return Libc.Check(Libc.bind(sock.Fd, p, (uint)addr.Length));
    }

    public static Errno Connect(SafeFd sock, ReadOnlySpan<byte> addr)
    {
        fixed (byte* p = addr) return Libc.Check(Libc.connect(sock.Fd, p, (uint)addr.Length));
    }

    /// <summary>sendmsg(2) of DATA (one buffer) with CONTROL (ancillary data, as built by the caller) to ADDR (none
    /// when empty), FLAGS | MSG_NOSIGNAL: a broken pipe is reported as EPIPE, never signalled to the supervisor;
    /// the caller decides whether the jailed thread gets SIGPIPE. Returns the count sent, or -errno.</summary>
    public static long SendMessage(SafeFd sock, ReadOnlySpan<byte> data, ReadOnlySpan<byte> control, ReadOnlySpan<byte> addr, int flags)
    {
        fixed (byte* d = data)
        fixed (byte* c = control)
        fixed (byte* a = addr)
        {
            var iov = new Iovec { iov_base = (nint)d, iov_len = (nuint)data.Length };
            var msg = new MsgHdr
            {
                msg_name = addr.IsEmpty ? 0 : (nint)a,
                msg_namelen = (uint)addr.Length,
                msg_iov = (nint)(&iov),
                msg_iovlen = 1,
                msg_control = control.IsEmpty ? 0 : (nint)c,
                msg_controllen = (nuint)control.Length,
            };
            var n = Libc.sendmsg(sock.Fd, &msg, flags | MSG_NOSIGNAL);
            return n < 0 ? -(long)Libc.LastErrno() : n;
        }
    }

    /// <summary>Whether the open socket is non-blocking (O_NONBLOCK on its open file, shared with every copy).</summary>
    public static bool IsNonBlocking(SafeFd sock)
    {
        var flags = Libc.fcntl(sock.Fd, F_GETFL, 0);
        return flags >= 0 && (flags & O_NONBLOCK) != 0;
    }

    /// <summary>SO_DOMAIN and SO_TYPE (SOCK_STREAM, SOCK_DGRAM…) of a socket (ENOTSOCK for anything else).</summary>
    public static Errno Kind(SafeFd sock, out int domain, out int type)
    {
        domain = 0;
        var err = IntOption(sock, SO_TYPE, out type);
        return err != Errno.OK ? err : IntOption(sock, SO_DOMAIN, out domain);
    }

    private static Errno IntOption(SafeFd sock, int name, out int value)
    {
        int v = 0;
        uint len = sizeof(int);
        value = 0;
        if (Libc.getsockopt(sock.Fd, SOL_SOCKET, name, &v, &len) != 0) return Libc.LastErrno();
        value = v;
        return Errno.OK;
    }

    /// <summary>getsockname(2): the socket's own address (an autobound abstract name, for instance).</summary>
    public static Errno LocalAddress(SafeFd sock, out byte[] addr)
    {
        var buf = stackalloc byte[128];
        uint len = 128;
        addr = [];
        if (Libc.getsockname(sock.Fd, buf, &len) != 0) return Libc.LastErrno();
        addr = new ReadOnlySpan<byte>(buf, (int)Math.Min(len, 128u)).ToArray();
        return Errno.OK;
    }

    public static Errno BindUnix(SafeFd sock, string path) => Bind(sock, UnixAddress(path));

    public static Errno ConnectUnix(SafeFd sock, string path) => Connect(sock, UnixAddress(path));

    /// <summary>struct sockaddr_un for a path (sun_path NUL-terminated; ENAMETOOLONG past 107 bytes).</summary>
    public static byte[] UnixAddress(string path)
    {
        var bytes = FileNameEncoding.Encode(path);
        if (bytes.Length > 107) throw new ArgumentException("sun_path too long", nameof(path));
        var addr = new byte[2 + bytes.Length + 1];
        BitConverter.TryWriteBytes(addr, (ushort)AF_UNIX);
        bytes.CopyTo(addr, 2);
        return addr;
    }
}
