// bind and connect. The address is copied out once and the call is made by the supervisor on a copy of the
// caller's socket (pidfd_getfd shares the open socket), so the kernel never re-reads the caller's sockaddr.
// AF_UNIX paths resolve through the overlay: bind creates the socket node in the upper tree (reached through
// /proc/self/fd/DIRFD/NAME, which keeps sun_path short); connect reaches sockets made inside the jail, and host
// sockets by path only when allowed (host daemons are a way out of the jail); abstract names likewise reach only
// names bound inside the jail (AbstractSocketNames) unless allowed. Other families are passed on as
// they are; connects, which may block, run on a worker thread. OutgoingMessage finds a datagram's destination
// with the same lookups (FindPeer, UpperAddress, MayReachAbstract).
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Handlers;

internal static class SocketHandlers
{
    private const int SunPathOffset = 2, SunPathMax = 108;

    public static Reply Bind(Call c) => Address(c, bind: true);
    public static Reply Connect(Call c) => Address(c, bind: false);

    private static Reply Address(Call c, bool bind)
    {
        var len = (int)Math.Min(c.Args[2], (ulong)OutgoingMessage.SockaddrStorage);
        if ((long)c.Args[2] < 2 || (long)c.Args[2] > OutgoingMessage.SockaddrStorage) return Reply.Fail(Errno.EINVAL);
        var err = c.ReadBytes(c.Args[1], len, out var addr);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.Jail.FetchFd(c.Tgid, c.IntArg(0), out var sock);

        if (err != Errno.OK) return Reply.Fail(Errno.EBADF);
        var family = BitConverter.ToUInt16(addr, 0);
        if (family == LinuxAbi.AF_UNIX && IsAbstractOrAutobind(addr, len))
            return bind ? BindAbstract(c, sock, addr) : ConnectAbstract(c, sock, addr);
        if (family != LinuxAbi.AF_UNIX)
            return Perform(c, sock, addr, bind); // inet, netlink…: as asked
        err = c.Absolute(LinuxAbi.AT_FDCWD, PathOf(addr, len), out var abs);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err); }
        return bind ? BindPath(c, sock, abs) : ConnectPath(c, sock, abs);
    }

    /// <summary>Whether a copied AF_UNIX address of LEN bytes names an abstract socket (first byte of sun_path
    /// NUL) or asks for autobind (no sun_path at all).</summary>
    internal static bool IsAbstractOrAutobind(byte[] addr, int len) => len == SunPathOffset || addr[SunPathOffset] == 0;

    /// <summary>sun_path of a copied AF_UNIX address, up to its first NUL.</summary>
    internal static string PathOf(byte[] addr, int len)
    {
        var pathBytes = addr.AsSpan(SunPathOffset, len - SunPathOffset);
        var nul = pathBytes.IndexOf((byte)0);
        if (nul >= 0) pathBytes = pathBytes[..nul];
        return FileNameEncoding.Decode(pathBytes);
    }

    /// <summary>The socket node at ABS for a connect or a sendto: it must be a socket the caller may write, and a
    /// host one only when host sockets are allowed (host daemons are a way out of the jail).</summary>
    internal static Errno FindPeer(Call c, string abs, out OpenResult peer)
    {
        var err = c.Overlay.Open(abs, OpenFlags.Path, 0, c.Op, out peer);
        if (err != Errno.OK) return err;
        if (peer.Stat.Type != NodeType.Socket) return Errno.ECONNREFUSED;
        if (peer.Backing.Kind != BackingKind.Upper && !c.Jail.Options.AllowHostSockets) return Errno.EACCES;
        return c.Overlay.Access(abs, AccessMask.Write, follow: true, c.Op); // unix_find_bsd: MAY_WRITE
    }

    /// <summary>A short address for the upper socket REL: /proc/self/fd/DIR/NAME, DIR an O_PATH descriptor of its
    /// parent, so the kernel never walks the upper tree by name. DIR must stay open until the call is made.</summary>
    internal static Errno UpperAddress(Call c, string rel, out SafeFd dir, out string path)
    {
        path = "";
        var parent = VirtualPath.Parent("/" + rel)[1..];
        var name = VirtualPath.Name("/" + rel);
        var err = HostFs.OpenBeneath(c.Jail.UpperFd, parent.Length == 0 ? "." : parent, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, 0, out dir);
        if (err != Errno.OK) return err;
        path = $"/proc/self/fd/{dir.Fd}/{name}";
        if (Encoding.UTF8.GetByteCount(path) < SunPathMax) return Errno.OK;
        dir.Dispose();
        return Errno.ENAMETOOLONG;
    }

    /// <summary>Whether a copied abstract address may be reached: one bound inside the jail, or any when host
    /// sockets are allowed.</summary>
    internal static bool MayReachAbstract(Call c, byte[] addr) =>
        c.Jail.Options.AllowHostSockets || c.Jail.AbstractNames.Contains(AbstractSocketNames.Key(addr.AsSpan(SunPathOffset + 1)));

    private static Reply BindPath(Call c, SafeFd sock, string abs)
    {
        using (sock)
        {
            var err = c.Overlay.Mknod(abs, (uint)NodeType.Socket | 0x1FF, 0, c.Op);
            if (err == Errno.EEXIST) return Reply.Fail(Errno.EADDRINUSE);
            if (err != Errno.OK) return Reply.Fail(err);
            err = c.Overlay.Open(abs, OpenFlags.Path | OpenFlags.NoFollow, 0, c.Op, out var r);
            if (err == Errno.OK) err = BindOrConnectBeneath(c, sock, r.Backing.Path, bind: true);
            if (err != Errno.OK) c.Overlay.Unlink(abs, c.Op);
            return Reply.Of(err);
        }
    }

    private static Reply ConnectPath(Call c, SafeFd sock, string abs)
    {
        var err = FindPeer(c, abs, out var r);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err); }
        var supervisor = c.Jail.Supervisor;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            using (sock)
            {
                var e = r.Backing.Kind == BackingKind.Upper
                    ? BindOrConnectBeneath(c, sock, r.Backing.Path, bind: false)
                    : Sockets.ConnectUnix(sock, r.Backing.Path);
                supervisor.Answer(c.Id, Reply.Of(e));
            }
        }, null);
        return Reply.Deferred;
    }

    /// <summary>bind/connect to an upper path through an O_PATH descriptor of its parent, so the address is
    /// short and the kernel never walks the upper tree by name.</summary>
    private static Errno BindOrConnectBeneath(Call c, SafeFd sock, string rel, bool bind)
    {
        var err = UpperAddress(c, rel, out var dir, out var path);
        if (err != Errno.OK) return err;
        using (dir) return bind ? Sockets.BindUnix(sock, path) : Sockets.ConnectUnix(sock, path);
    }

    /// <summary>bind to an abstract name (or autobind, address length 2): made, and the name the socket got
    /// remembered as the jail's own.</summary>
    private static Reply BindAbstract(Call c, SafeFd sock, byte[] addr)
    {
        using (sock)
        {
            var err = Sockets.Bind(sock, addr);
            if (err != Errno.OK) return Reply.Fail(err);
            if (Sockets.LocalAddress(sock, out var bound) == Errno.OK && bound.Length > SunPathOffset + 1 && bound[SunPathOffset] == 0)
                c.Jail.AbstractNames.Add(AbstractSocketNames.Key(bound.AsSpan(SunPathOffset + 1)));
            return Reply.Ok();
        }
    }

    /// <summary>connect to an abstract name: only to one bound inside the jail, unless host sockets are allowed
    /// (EPERM, as Landlock's abstract-socket scoping answers a jailed sendto to a host name).</summary>
    private static Reply ConnectAbstract(Call c, SafeFd sock, byte[] addr)
    {
        if (addr.Length <= SunPathOffset) { sock.Dispose(); return Reply.Fail(Errno.EINVAL); }
        if (!MayReachAbstract(c, addr))
        {
            sock.Dispose();
            return Reply.Fail(Errno.EPERM);
        }
        return Perform(c, sock, addr, bind: false);
    }

    private static Reply Perform(Call c, SafeFd sock, byte[] addr, bool bind)
    {
        if (bind)
            using (sock) return Reply.Of(Sockets.Bind(sock, addr));
        var supervisor = c.Jail.Supervisor;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            using (sock) supervisor.Answer(c.Id, Reply.Of(Sockets.Connect(sock, addr)));
        }, null);
        return Reply.Deferred;
    }
}
