// sendmsg and sendmmsg. Their address is inside a struct msghdr in the caller's memory, which the filter cannot
// see, so every call comes here and is made by the supervisor with what it copied once (OutgoingMessage): a
// datagram to a host daemon's AF_UNIX path is refused like a connect to it, and one to a socket bound in the
// jail reaches it in the upper tree. sendmmsg sends its messages in order and stops at the first failure.
using UjailOverlay.Core;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Jail.Handlers;

internal static class SendmsgHandler
{
    /// <summary>struct mmsghdr: a msghdr, then msg_len (the count the kernel sent), padded to 64 bytes.</summary>
    internal const int MmsghdrSize = 64, MsgLenOffset = MsgHdr.Size;

    public static Reply Sendmsg(Call c)
    {
        var err = SocketKind.Fetch(c, c.IntArg(0), out var sock, out var kind);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.ReadBytes(c.Args[1], MsgHdr.Size, out var header);
        OutgoingMessage? message = null;
        if (err == Errno.OK) err = OutgoingMessage.FromMsghdr(c, kind, header, OutgoingMessage.MaxData, out message);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err); }
        return SendtoHandler.SendOne(c, sock, message!, kind, c.IntArg(2));
    }

    public static Reply Sendmmsg(Call c)
    {
        var err = SocketKind.Fetch(c, c.IntArg(0), out var sock, out var kind);
        if (err != Errno.OK) return Reply.Fail(err);
        var count = (int)Math.Min(c.UIntArg(2), OutgoingMessage.UioMaxIov);
        if (count == 0) { sock.Dispose(); return Reply.Ok(0); }
        err = c.ReadBytes(c.Args[1], count * MmsghdrSize, out var vector);
        if (err != Errno.OK) { sock.Dispose(); return Reply.Fail(err); }
        // Prepared while the data fits one budget: what follows a message that does not fit (or fails to
        // prepare) is left unsent, a short count the caller sees as it would from the kernel.
        var messages = new List<OutgoingMessage>();
        long budget = OutgoingMessage.MaxData;
        for (var i = 0; i < count; i++)
        {
            err = OutgoingMessage.FromMsghdr(c, kind, vector.AsSpan(i * MmsghdrSize, MsgHdr.Size), budget, out var message);
            if (err != Errno.OK) break;
            messages.Add(message);
            budget -= message.Data.Length;
            if (budget <= 0) break;
        }
        if (messages.Count == 0) { sock.Dispose(); return Reply.Fail(err); }
        return SendAll(c, sock, messages, c.IntArg(3), msgvec: c.Args[1]);
    }

    /// <summary>Sends MESSAGES in order on a worker thread (they are many; some may block) and answers with how
    /// many went, each one's msg_len written back into the caller's vector at MSGVEC; an error only when the
    /// first fails. Disposes the socket and the messages.</summary>
    private static Reply SendAll(Call c, SafeFd sock, List<OutgoingMessage> messages, int flags, ulong msgvec)
    {
        var (tgid, tid, supervisor) = (c.Tgid, c.Tid, c.Jail.Supervisor);
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            long result = 0;
            try
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    var n = messages[i].Send(sock, flags, tgid, tid);
                    if (n < 0) { if (i == 0) result = n; break; }
                    c.WriteBytes(msgvec + (ulong)(i * MmsghdrSize + MsgLenOffset), BitConverter.GetBytes((uint)n));
                    result = i + 1;
                }
            }
            finally
            {
                foreach (var m in messages) m.Dispose();
                sock.Dispose();
            }
            supervisor.Answer(c.Id, result < 0 ? Reply.Fail((Errno)(-result)) : Reply.Ok(result));
        }, null);
        return Reply.Deferred;
    }
}
