// sendto with a destination address (the filter passes sendto without one: the socket's own peer, which only an
// emulated connect could have set). Made by the supervisor with what it copied once (OutgoingMessage), on a
// copy of the caller's socket: at once when it cannot block, else on a worker thread (SendOne).
using UjailOverlay.Core;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Jail.Handlers;

internal static class SendtoHandler
{
    public static Reply Sendto(Call c)
    {
        var addrLen = c.IntArg(5);
        if (addrLen == 0) return Reply.ContinueCall; // the kernel reads no address: as sendto without one
        var err = SocketKind.Fetch(c, c.IntArg(0), out var sock, out var kind);
        if (err != Errno.OK) return Reply.Fail(err);
        // Shorter than sa_family: every family's sendmsg refuses it; longer than sockaddr_storage: so does
        // move_addr_to_kernel.
        if (addrLen < 2 || addrLen > OutgoingMessage.SockaddrStorage) { sock.Dispose(); return Reply.Fail(Errno.EINVAL); }
        OutgoingMessage? message = null;
        err = c.ReadBytes(c.Args[4], addrLen, out var addr);
        if (err == Errno.OK) err = OutgoingMessage.FromSendto(c, kind, addr, c.Args[1], c.Args[2], out message);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err); }
        return SendOne(c, sock, message!, kind, c.IntArg(3));
    }

    /// <summary>Sends one message and answers. First without blocking, here (a worker thread's hand-off costs more
    /// than the send): a datagram goes whole or not at all, so only EAGAIN, on a send that may block, moves it to
    /// a worker; a stream's short write sends its remainder there, as a blocking send would go on.</summary>
    internal static Reply SendOne(Call c, SafeFd sock, OutgoingMessage message, SocketKind kind, int flags)
    {
        var mayBlock = (flags & Uapi.MSG_DONTWAIT) == 0 && !Sockets.IsNonBlocking(sock);
        var n = message.Send(sock, mayBlock ? flags | Uapi.MSG_DONTWAIT : flags, c.Tgid, c.Tid);
        var rest = n == -(long)Errno.EAGAIN ? 0 : kind.Type == Uapi.SOCK_STREAM && n > 0 && n < message.Data.Length ? (int)n : -1;
        if (!mayBlock || rest < 0)
        {
            message.Dispose();
            sock.Dispose();
            return n < 0 ? Reply.Fail((Errno)(-n)) : Reply.Ok(n);
        }
        var (tgid, tid, supervisor) = (c.Tgid, c.Tid, c.Jail.Supervisor);
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            long total;
            try
            {
                var more = message.Send(sock, flags, tgid, tid, skip: rest);
                total = rest == 0 ? more : more < 0 ? rest : rest + more; // a failure after a short write reports what went
            }
            finally
            {
                message.Dispose();
                sock.Dispose();
            }
            supervisor.Answer(c.Id, total < 0 ? Reply.Fail((Errno)(-total)) : Reply.Ok(total));
        }, null);
        return Reply.Deferred;
    }
}
