// One message as the supervisor sends it for a jailed sendto, sendmsg or sendmmsg: destination, data and
// ancillary data, each copied from the caller once, so the kernel never re-reads the caller's memory (a send
// let through could have its address rewritten by another thread after the check). The destination matters
// only to an AF_UNIX datagram socket, the one kind that looks a path up (unix_dgram_sendmsg): there it is found
// as connect finds it (SocketHandlers.FindPeer: a socket bound in the jail is reached in the upper tree, a host
// daemon's path or abstract name only with --allow-host-sockets). Every other socket ignores or refuses an
// AF_UNIX address, so its address is passed on as it is. SCM_RIGHTS descriptors are the caller's, fetched with
// pidfd_getfd and held until the send; SCM_CREDENTIALS naming the caller's pid name the supervisor's instead
// (the kernel lets a sender claim only its own).
using System.Buffers.Binary;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Jail.Handlers;

/// <summary>A socket's family and type, read from the supervisor's copy of it (the socket that is sent on).</summary>
internal readonly record struct SocketKind(int Domain, int Type)
{
    public bool IsUnixDatagram => Domain == Uapi.AF_UNIX && Type == Uapi.SOCK_DGRAM;

    /// <summary>The supervisor's copy of the caller's socket FD and its kind (EBADF, ENOTSOCK as the kernel
    /// says).</summary>
    public static Errno Fetch(Call c, int fd, out SafeFd sock, out SocketKind kind)
    {
        kind = default;
        if (c.Jail.FetchFd(c.Tgid, fd, out sock) != Errno.OK) return Errno.EBADF;
        if (Sockets.Kind(sock, out var domain, out var type) != Errno.OK) { sock.Dispose(); return Errno.ENOTSOCK; }
        kind = new SocketKind(domain, type);
        return Errno.OK;
    }
}

internal sealed class OutgoingMessage : IDisposable
{
    /// <summary>The most data one send copies: a stream socket sends that much (a short write, which stream
    /// callers handle); no datagram this large fits a socket's send buffer (EMSGSIZE, as the kernel would say).</summary>
    internal const int MaxData = 8 << 20;

    /// <summary>sizeof(struct sockaddr_storage); UIO_MAXIOV, the most iovecs (and sendmmsg messages) a call takes.</summary>
    internal const int SockaddrStorage = 128, UioMaxIov = 1024;

    private const int OptMemMax = 128 << 10, ScmMaxFd = 253;
    private const int SunPathOffset = 2, CmsgHeader = 16, IovecSize = 16;
    private readonly List<SafeFd> _held = [];

    public byte[] Address { get; private set; } = [];
    public byte[] Data { get; private set; } = [];
    public byte[] Control { get; private set; } = [];

    /// <summary>A sendto's message: ADDR (already copied; empty for none) and LEN bytes at BUF.</summary>
    public static Errno FromSendto(Call c, SocketKind kind, byte[] addr, ulong buf, ulong len, out OutgoingMessage message)
    {
        message = new OutgoingMessage();
        var err = message.SetDestination(c, kind, addr);
        if (err == Errno.OK) err = message.SetData(c, kind, [(buf, len)], MaxData);
        if (err != Errno.OK) message.Dispose();
        return err;
    }

    /// <summary>A sendmsg's message from its struct msghdr (56 bytes, already copied), with at most BUDGET bytes
    /// of data.</summary>
    public static Errno FromMsghdr(Call c, SocketKind kind, ReadOnlySpan<byte> header, long budget, out OutgoingMessage message)
    {
        message = new OutgoingMessage();
        var err = message.Read(c, kind, header, budget);
        if (err != Errno.OK) message.Dispose();
        return err;
    }

    /// <summary>Sends on SOCK, from byte SKIP of the data on (a stream's remainder after a short send, without
    /// the ancillary data, which went with the first part); the count sent or -errno. A broken pipe sends the
    /// caller SIGPIPE unless FLAGS has MSG_NOSIGNAL, as the kernel would have.</summary>
    public long Send(SafeFd sock, int flags, int tgid, int tid, int skip = 0)
    {
        var n = skip == 0
            ? Sockets.SendMessage(sock, Data, Control, Address, flags)
            : Sockets.SendMessage(sock, Data.AsSpan(skip), [], Address, flags);
        if (n == -(long)Errno.EPIPE && (flags & Uapi.MSG_NOSIGNAL) == 0) Libc.tgkill(tgid, tid, Uapi.SIGPIPE);
        return n;
    }

    public void Dispose()
    {
        foreach (var fd in _held) fd.Dispose();
        _held.Clear();
    }

    private Errno Read(Call c, SocketKind kind, ReadOnlySpan<byte> header, long budget)
    {
        var name = BinaryPrimitives.ReadUInt64LittleEndian(header);
        var nameLen = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var iov = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        var iovLen = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        var control = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
        var controlLen = BinaryPrimitives.ReadUInt64LittleEndian(header[40..]);

        // __copy_msghdr: no name when msg_name is NULL; a negative length is EINVAL, a longer one is cut.
        byte[] addr = [];
        if (name != 0 && nameLen != 0)
        {
            if (nameLen < 0) return Errno.EINVAL;
            var err = c.ReadBytes(name, Math.Min(nameLen, SockaddrStorage), out addr);
            if (err != Errno.OK) return err;
        }
        if (iovLen > UioMaxIov) return Errno.EMSGSIZE;
        var buffers = new List<(ulong Base, ulong Len)>((int)iovLen);
        if (iovLen > 0)
        {
            var err = c.ReadBytes(iov, (int)iovLen * IovecSize, out var vector);
            if (err != Errno.OK) return err;
            for (var i = 0; i < (int)iovLen; i++)
                buffers.Add((BinaryPrimitives.ReadUInt64LittleEndian(vector.AsSpan(i * IovecSize)),
                    BinaryPrimitives.ReadUInt64LittleEndian(vector.AsSpan(i * IovecSize + 8))));
        }
        var e = SetDestination(c, kind, addr);
        if (e == Errno.OK) e = SetData(c, kind, buffers, budget);
        if (e == Errno.OK && controlLen > 0) e = SetControl(c, control, controlLen);
        return e;
    }

    /// <summary>The address the supervisor sends to. For an AF_UNIX datagram socket and a path: /proc/self/fd/DIR/NAME
    /// for a socket bound in the jail (DIR held), the host path for a host one when allowed; an abstract name only
    /// when it may be reached. Anything else as the caller gave it.</summary>
    private Errno SetDestination(Call c, SocketKind kind, byte[] addr)
    {
        Address = addr;
        if (!kind.IsUnixDatagram || addr.Length <= SunPathOffset || BitConverter.ToUInt16(addr, 0) != Uapi.AF_UNIX) return Errno.OK;
        if (SocketHandlers.IsAbstractOrAutobind(addr, addr.Length))
            return SocketHandlers.MayReachAbstract(c, addr) ? Errno.OK : Errno.EPERM;
        var err = c.Absolute(LinuxAbi.AT_FDCWD, SocketHandlers.PathOf(addr, addr.Length), out var abs);
        if (err != Errno.OK) return err;
        err = SocketHandlers.FindPeer(c, abs, out var peer);
        if (err != Errno.OK) return err;
        if (peer.Backing.Kind != BackingKind.Upper)
        {
            if (FileNameEncoding.Encode(peer.Backing.Path).Length > 107) return Errno.ENAMETOOLONG;
            Address = Sockets.UnixAddress(peer.Backing.Path);
            return Errno.OK;
        }
        err = SocketHandlers.UpperAddress(c, peer.Backing.Path, out var dir, out var path);
        if (err != Errno.OK) return err;
        _held.Add(dir);
        Address = Sockets.UnixAddress(path);
        return Errno.OK;
    }

    /// <summary>The buffers' bytes, gathered into one; beyond BUDGET a stream socket sends what fits and anything
    /// else is EMSGSIZE.</summary>
    private Errno SetData(Call c, SocketKind kind, List<(ulong Base, ulong Len)> buffers, long budget)
    {
        ulong total = 0;
        foreach (var (_, len) in buffers)
        {
            if (len > long.MaxValue || total + len > long.MaxValue) return Errno.EINVAL;
            total += len;
        }
        var take = (long)total;
        if (take > budget)
        {
            if (kind.Type != Uapi.SOCK_STREAM) return Errno.EMSGSIZE;
            take = budget;
        }
        var data = new byte[take];
        var offset = 0;
        foreach (var (start, len) in buffers)
        {
            var n = (int)Math.Min((long)len, take - offset);
            if (n <= 0) continue;
            var err = c.ReadInto(start, data.AsSpan(offset, n));
            if (err != Errno.OK) return err;
            offset += n;
        }
        Data = data;
        return Errno.OK;
    }

    /// <summary>The ancillary data, with each SCM_RIGHTS descriptor replaced by the supervisor's copy of the
    /// caller's and a claimed SCM_CREDENTIALS pid of the caller's by the supervisor's (__scm_send's checks).</summary>
    private Errno SetControl(Call c, ulong control, ulong length)
    {
        if (length > OptMemMax) return Errno.ENOBUFS;
        var err = c.ReadBytes(control, (int)length, out var bytes);
        if (err != Errno.OK) return err;
        for (var offset = 0; offset + CmsgHeader <= bytes.Length;)
        {
            var len = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            if (len < CmsgHeader || len > (ulong)(bytes.Length - offset)) return Errno.EINVAL;
            var level = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 8));
            var type = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 12));
            var body = bytes.AsSpan(offset + CmsgHeader, (int)len - CmsgHeader);
            if (level == Uapi.SOL_SOCKET && type == Uapi.SCM_RIGHTS)
            {
                var count = body.Length / sizeof(int);
                if (count > ScmMaxFd) return Errno.EINVAL;
                for (var i = 0; i < count; i++)
                {
                    var fd = BinaryPrimitives.ReadInt32LittleEndian(body[(i * 4)..]);
                    if (c.Jail.FetchFd(c.Tgid, fd, out var copy) != Errno.OK) return Errno.EBADF;
                    _held.Add(copy);
                    BinaryPrimitives.WriteInt32LittleEndian(body[(i * 4)..], copy.Fd);
                }
            }
            else if (level == Uapi.SOL_SOCKET && type == Uapi.SCM_CREDENTIALS && body.Length >= 12
                     && BinaryPrimitives.ReadInt32LittleEndian(body) == c.Tgid)
            {
                BinaryPrimitives.WriteInt32LittleEndian(body, Environment.ProcessId);
            }
            offset += (int)((len + 7) & ~7UL);
        }
        Control = bytes;
        return Errno.OK;
    }
}
