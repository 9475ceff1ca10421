// Installs a classic-BPF seccomp filter on the calling thread with seccomp(SECCOMP_SET_MODE_FILTER)
// (seccomp(2)). With newListener the kernel returns a user-notification listener fd (close-on-exec); a
// second listener in the same filter chain is refused with EBUSY, which is what keeps a tracee from stacking
// its own (engine-notes.md §2). Without CAP_SYS_ADMIN the thread needs no_new_privs first (Prctl).
// The filter binds the calling thread and its future children only (no TSYNC here).
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Seccomp;

public static unsafe class SeccompFilter
{
    public static Errno Install(ReadOnlySpan<SockFilter> prog, bool newListener, out SafeFd? listener)
    {
        listener = null;
        if (prog.IsEmpty || prog.Length > BPF_MAXINSNS)
            return Errno.EINVAL;
        fixed (SockFilter* p = prog)
        {
            var fprog = new SockFprog { len = (ushort)prog.Length, filter = (nint)p };
            // WAIT_KILLABLE_RECV (5.19+): once the supervisor has received a notification, only a fatal signal
            // interrupts the caller's wait. Without it a signal (dpkg's SIGCHLD) could cancel a call the supervisor
            // had already performed (a create), and the restarted call then failed (EEXIST on O_EXCL).
            uint flags = newListener ? SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV : 0;
            int rc = Libc.seccomp(SECCOMP_SET_MODE_FILTER, flags, &fprog);
            if (rc < 0 && newListener && Libc.LastErrno() == Errno.EINVAL)
                rc = Libc.seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
            if (rc < 0)
                return Libc.LastErrno();
            if (newListener)
                listener = SafeFd.Adopt(rc);
            return Errno.OK;
        }
    }
}
