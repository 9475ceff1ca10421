// bind and connect. The address is copied out once and the call is made by the supervisor on a copy of the
// caller's socket (pidfd_getfd shares the open socket), so the kernel never re-reads the caller's sockaddr.
// AF_UNIX paths resolve through the overlay: bind creates the socket node in the upper tree (reached through
// /proc/self/fd/DIRFD/NAME, which keeps sun_path short); connect reaches sockets made inside the jail, and host
// sockets by path only when allowed (host daemons are a way out of the jail); abstract names likewise reach only
// names bound inside the jail (AbstractSocketNames) unless allowed. Other families are passed on as
// they are; connects, which may block, run on a worker thread.
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
        var len = (int)Math.Min(c.Args[2], 128);
        if ((long)c.Args[2] < 2 || (long)c.Args[2] > 128) return Reply.Fail(Errno.EINVAL);
        var err = c.ReadBytes(c.Args[1], len, out var addr);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.Jail.FetchFd(c.Tgid, c.IntArg(0), out var sock);

        if (err != Errno.OK) return Reply.Fail(Errno.EBADF);
        var family = BitConverter.ToUInt16(addr, 0);
        if (family == LinuxAbi.AF_UNIX && (len == SunPathOffset || addr[SunPathOffset] == 0))
            return bind ? BindAbstract(c, sock, addr) : ConnectAbstract(c, sock, addr);
        if (family != LinuxAbi.AF_UNIX)
            return Perform(c, sock, addr, bind); // inet, netlink…: as asked
        var pathBytes = addr.AsSpan(SunPathOffset, len - SunPathOffset);
        var nul = pathBytes.IndexOf((byte)0);
        if (nul >= 0) pathBytes = pathBytes[..nul];
        var path = FileNameEncoding.Decode(pathBytes);
        err = c.Absolute(LinuxAbi.AT_FDCWD, path, out var abs);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err); }
        return bind ? BindPath(c, sock, abs) : ConnectPath(c, sock, abs);
    }

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
        var err = c.Overlay.Open(abs, OpenFlags.Path, 0, c.Op, out var r);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err == Errno.ENOENT ? Errno.ENOENT : err); }
        if (r.Stat.Type != NodeType.Socket) { sock.Dispose(); return Reply.Fail(Errno.ECONNREFUSED); }
        if (r.Backing.Kind != BackingKind.Upper && !c.Jail.Options.AllowHostSockets)
        {
            sock.Dispose();
            return Reply.Fail(Errno.EACCES); // a host daemon's socket: not reachable from the jail by default
        }
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
        var parent = VirtualPath.Parent("/" + rel)[1..];
        var name = VirtualPath.Name("/" + rel);
        var err = HostFs.OpenBeneath(c.Jail.UpperFd, parent.Length == 0 ? "." : parent, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, 0, out var dir);
        if (err != Errno.OK) return err;
        using (dir)
        {
            var path = $"/proc/self/fd/{dir.Fd}/{name}";
            if (Encoding.UTF8.GetByteCount(path) >= SunPathMax) return Errno.ENAMETOOLONG;
            return bind ? Sockets.BindUnix(sock, path) : Sockets.ConnectUnix(sock, path);
        }
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
        if (!c.Jail.Options.AllowHostSockets && !c.Jail.AbstractNames.Contains(AbstractSocketNames.Key(addr.AsSpan(SunPathOffset + 1))))
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
