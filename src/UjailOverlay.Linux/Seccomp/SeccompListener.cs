// The supervisor's side of a seccomp user-notification listener (seccomp_unotify(2)). Owns the listener fd.
// Rules this wrapper keeps (engine-notes.md §3): NOTIF_RECV ignores O_NONBLOCK (it blocks until a call
// arrives; poll for a bounded wait); the struct is zeroed before RECV (else EINVAL); when every filtered task
// has gone (been reaped), poll reports POLLHUP and RECV fails with ENOENT forever, a blocked RECV included
// (kernel 6.6+ waits on the filter's wait queue, which the last task's release wakes). ENOENT from SEND or ADDFD means the caller died or the call was interrupted;
// EINPROGRESS (115) means the notification was answered already and its caller has not woken yet.
// IsIdValid must be checked after reading tracee memory and before acting on it (the pid may be reused).
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Seccomp;

public sealed unsafe class SeccompListener : IDisposable
{
    /// <summary>Takes ownership of a listener fd. Throws if the kernel's notification structs differ in size
    /// from ours (SeccompAbi): RECV would then write past our struct, so nothing may be received.</summary>
    public SeccompListener(SafeFd fd)
    {
        var e = SeccompAbi.CheckSizes();
        if (e != Errno.OK)
            throw new InvalidOperationException($"seccomp notification structs do not match this kernel ({e})");
        Fd = fd;
    }

    public SafeFd Fd { get; }

    /// <summary>SECCOMP_IOCTL_NOTIF_RECV into a zeroed struct. Blocks until a notification arrives.</summary>
    public Errno Receive(out SeccompNotif notif)
    {
        SeccompNotif n = default;
        int rc = Libc.ioctl(Fd.Fd, SECCOMP_IOCTL_NOTIF_RECV, &n);
        notif = n;
        return rc < 0 ? Libc.LastErrno() : Errno.OK;
    }

    /// <summary>SECCOMP_IOCTL_NOTIF_SEND: val is the return value when error is 0; error is a positive or
    /// negative errno (sent negative); flags may be SECCOMP_USER_NOTIF_FLAG_CONTINUE (then val and error
    /// must be 0).</summary>
    public Errno Respond(ulong id, long val, int error, uint flags)
    {
        var resp = new SeccompNotifResp { id = id, val = val, error = error > 0 ? -error : error, flags = flags };
        return Libc.Check(Libc.ioctl(Fd.Fd, SECCOMP_IOCTL_NOTIF_SEND, &resp));
    }

    /// <summary>Answers with a failure: the caller's system call returns -1 with errno e.</summary>
    public Errno RespondError(ulong id, Errno e) => Respond(id, 0, -(int)e, 0);

    /// <summary>SECCOMP_IOCTL_NOTIF_ID_VALID: the notifying task is still waiting on this notification.</summary>
    public bool IsIdValid(ulong id) => Libc.ioctl(Fd.Fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;

    /// <summary>SECCOMP_IOCTL_NOTIF_ADDFD: installs srcFd into the caller. newFdFlags may only be O_CLOEXEC.
    /// With send, the notification is answered with the new fd number in the same step
    /// (SECCOMP_ADDFD_FLAG_SEND) and must not be answered again. O_PATH fds are refused (EBADF).</summary>
    public Errno AddFd(ulong id, int srcFd, uint newFdFlags, bool send, out int remoteFd)
    {
        var addfd = new SeccompNotifAddfd
        {
            id = id,
            flags = send ? SECCOMP_ADDFD_FLAG_SEND : 0,
            srcfd = (uint)srcFd,
            newfd = 0,
            newfd_flags = newFdFlags,
        };
        int rc = Libc.ioctl(Fd.Fd, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
        remoteFd = rc < 0 ? -1 : rc;
        return rc < 0 ? Libc.LastErrno() : Errno.OK;
    }

    /// <summary>SECCOMP_IOCTL_NOTIF_SET_FLAGS(SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP), kernel 6.6: the woken
    /// side runs on the waker's CPU, halving a round trip. EINVAL on older kernels (harmless to ignore).</summary>
    public Errno SetSyncWakeUp() =>
        Libc.Check(Libc.ioctl_value(Fd.Fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP));

    /// <summary>poll(2) for POLLIN. True when a notification is ready; hangup when no task uses the filter
    /// any more (POLLHUP). False with hangup false on timeout or EINTR.</summary>
    public bool Poll(int timeoutMs, out bool hangup)
    {
        var pfd = new PollFd { fd = Fd.Fd, events = POLLIN };
        int rc = Libc.poll(&pfd, 1, timeoutMs);
        hangup = rc > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
        return rc > 0 && (pfd.revents & POLLIN) != 0;
    }

    public void Dispose() => Fd.Dispose();
}
