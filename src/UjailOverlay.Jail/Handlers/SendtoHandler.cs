// sendto with a destination address (the filter passes sendto without one: the socket's own peer, which only an
// emulated connect could have set). The address and the data are copied out once and the supervisor sends them
// on a copy of the caller's socket, so the kernel never re-reads the caller's memory; a sendto made as asked
// could have its sockaddr rewritten by another thread after the check. AF_UNIX destinations are found as
// connect finds them (SocketHandlers.FindPeer): a socket bound inside the jail lives in the upper tree and is
// reached there, a host daemon's path or abstract name only when host sockets are allowed. Other families go
// where asked. The send runs on a worker thread, since it may block.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Jail.Handlers;

internal static class SendtoHandler
{
    private const int SockaddrStorageSize = 128, SunPathOffset = 2;

    /// <summary>The most a sendto's data is copied: a stream socket sends that much (a short write, which stream
    /// callers handle); no datagram this large fits a socket's send buffer (EMSGSIZE, as the kernel says).</summary>
    internal const int MaxCopy = 8 << 20;

    public static Reply Sendto(Call c)
    {
        var addrLen = c.IntArg(5);
        if (addrLen == 0) return Reply.ContinueCall; // the kernel reads no address: as sendto without one
        // Shorter than sa_family: every family's sendmsg refuses it (EINVAL); longer than sockaddr_storage: so does
        // move_addr_to_kernel.
        if (addrLen < 2 || addrLen > SockaddrStorageSize) return Reply.Fail(Errno.EINVAL);
        var err = c.ReadBytes(c.Args[4], addrLen, out var addr);
        if (err != Errno.OK) return Reply.Fail(err);
        if (c.Jail.FetchFd(c.Tgid, c.IntArg(0), out var sock) != Errno.OK) return Reply.Fail(Errno.EBADF);

        SafeFd? dir = null;
        try
        {
            byte[] data = [];
            err = Destination(c, addr, addrLen, out var dest, out dir);
            if (err == Errno.OK) err = CopyData(c, sock, out data);
            if (err != Errno.OK) return Reply.Fail(err);
            var flags = c.IntArg(3);
            var (tgid, tid, supervisor) = (c.Tgid, c.Tid, c.Jail.Supervisor);
            var held = (sock, dir);
            sock = null!;
            dir = null;
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                using (held.sock)
                using (held.dir)
                {
                    var n = Sockets.SendTo(held.sock, data, flags, dest);
                    // The supervisor sent with MSG_NOSIGNAL; the caller gets the SIGPIPE it asked for.
                    if (n == -(long)Errno.EPIPE && (flags & Uapi.MSG_NOSIGNAL) == 0) Libc.tgkill(tgid, tid, Uapi.SIGPIPE);
                    supervisor.Answer(c.Id, n < 0 ? Reply.Fail((Errno)(-n)) : Reply.Ok(n));
                }
            }, null);
            return Reply.Deferred;
        }
        finally
        {
            sock?.Dispose();
            dir?.Dispose();
        }
    }

    /// <summary>The address the supervisor sends to: for a jailed socket path, /proc/self/fd/DIR/NAME with DIR
    /// held open; for a host path (when allowed) the host path; otherwise the copied address as it is.</summary>
    private static Errno Destination(Call c, byte[] addr, int len, out byte[] dest, out SafeFd? dir)
    {
        dest = addr;
        dir = null;
        if (BitConverter.ToUInt16(addr, 0) != LinuxAbi.AF_UNIX || len <= SunPathOffset) return Errno.OK; // the kernel judges
        if (SocketHandlers.IsAbstractOrAutobind(addr, len))
            return SocketHandlers.MayReachAbstract(c, addr) ? Errno.OK : Errno.EPERM;
        var err = c.Absolute(LinuxAbi.AT_FDCWD, SocketHandlers.PathOf(addr, len), out var abs);
        if (err != Errno.OK) return err;
        err = SocketHandlers.FindPeer(c, abs, out var peer);
        if (err != Errno.OK) return err;
        if (peer.Backing.Kind != BackingKind.Upper)
        {
            if (FileNameEncoding.Encode(peer.Backing.Path).Length > 107) return Errno.ENAMETOOLONG;
            dest = Sockets.UnixAddress(peer.Backing.Path);
            return Errno.OK;
        }
        err = SocketHandlers.UpperAddress(c, peer.Backing.Path, out var held, out var path);
        if (err != Errno.OK) return err;
        dir = held;
        dest = Sockets.UnixAddress(path);
        return Errno.OK;
    }

    private static Errno CopyData(Call c, SafeFd sock, out byte[] data)
    {
        data = [];
        var length = c.Args[2];
        if (length > MaxCopy)
        {
            if (Sockets.Type(sock, out var type) != Errno.OK) return Errno.ENOTSOCK;
            if (type != Uapi.SOCK_STREAM) return Errno.EMSGSIZE;
            length = MaxCopy;
        }
        return c.ReadBytes(c.Args[1], (int)length, out data);
    }
}
