// The notification loop: receives each SECCOMP_RET_USER_NOTIF call, finds the caller, runs the handler the
// syscall table names for it and answers — with a value, an errno, a descriptor installed atomically with the
// answer (ADDFD_FLAG_SEND), or CONTINUE for decisions made on registers alone. Runs on its own dedicated thread;
// a handler that may block (a FIFO open, a connect) answers from a worker thread instead.
// It blocks in NOTIF_RECV with no poll(2) first (a poll per call cost ~1.5 µs, 7% of a readlink round trip):
// on this kernel (6.6+, recv_wait_event) a blocked RECV returns ENOENT once the last task using the filter is
// reaped, so the end of the jail wakes it; the index's idle flush, which the poll's timeout used to drive,
// runs on a timer instead (IdleFlush), under the overlay's own lock.
using UjailOverlay.Core;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class Supervisor
{
    private readonly JailContext _jail;
    private readonly Func<Call, Reply>?[] _handlers;
    private readonly IdleFlush _idleFlush;

    public Supervisor(JailContext jail, Func<Call, Reply>?[] handlers, IdleFlush idleFlush)
    {
        _jail = jail;
        _handlers = handlers;
        _idleFlush = idleFlush;
    }

    public void Run()
    {
        var listener = _jail.Listener;
        while (true)
        {
            if (listener.Receive(out var n) != Errno.OK)
            {
                // ENOENT: the caller was killed before we took its call, or every task using the filter has
                // gone (then RECV fails at once forever, and poll says POLLHUP); EINTR: a signal.
                listener.Poll(0, out var hangup);
                if (hangup) return;
                continue;
            }
            Interlocked.Increment(ref _jail.Stats.Notifications);
            var reply = Handle(n.id, (int)n.pid, n.data.nr, n.data.args);
            if (!reply.IsDeferred) Answer(n.id, reply);
        }
    }

    private Reply Handle(ulong id, int tid, int nr, ReadOnlySpan<ulong> args)
    {
        var thread = _jail.Processes.Find(tid) ?? _jail.Processes.Adopt(tid);
        if (thread is null) return Reply.Fail(Errno.ESRCH);
        var handler = (uint)nr < (uint)_handlers.Length ? _handlers[nr] : null;
        if (handler is null) return Reply.Fail(Errno.ENOSYS); // the filter only notifies for calls with handlers
        var call = new Call(_jail, id, tid, nr, args, thread);
        try
        {
            var reply = handler(call);
            if (OperationJournal.Record(call, reply))
                _idleFlush.Arm();
            _jail.Options.Trace?.Invoke($"{call} = {(reply.Continue ? "(kernel)" : reply.IsDeferred ? "(answered by a worker)" : reply.Error != Errno.OK ? "-" + reply.Error : reply.InstallFd is not null ? "(new fd)" : reply.Value.ToString())}");
            return reply;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler bug must not take the jail down or let the call through: fail the call.
            Interlocked.Increment(ref _jail.Stats.Errors);
            _jail.Options.Trace?.Invoke($"{call} handler failed: {e}");
            return Reply.Fail(Errno.EIO);
        }
    }

    public void Answer(ulong id, Reply reply)
    {
        var listener = _jail.Listener;
        if (reply.InstallFd is { } fd)
        {
            using (fd)
            {
                var flags = reply.CloseOnExec ? (uint)LinuxAbi.O_CLOEXEC : 0u;
                if (listener.AddFd(id, fd.Fd, flags, send: true, out _) != Errno.OK)
                    listener.Respond(id, 0, -(int)Errno.EMFILE, 0); // never CONTINUE after a failed ADDFD
            }
            return;
        }
        if (reply.Continue) { listener.Respond(id, 0, 0, Uapi.SECCOMP_USER_NOTIF_FLAG_CONTINUE); return; }
        if (reply.Error != Errno.OK) { listener.Respond(id, 0, -(int)reply.Error, 0); return; }
        listener.Respond(id, reply.Value, 0, 0);
    }
}
