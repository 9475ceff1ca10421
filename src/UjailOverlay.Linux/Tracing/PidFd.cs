// pidfd_open(2) and pidfd_getfd(2): a stable handle on a process (no pid-reuse race) and a copy of one of
// its descriptors (needs PTRACE_MODE_ATTACH_REALCREDS; the copy is close-on-exec). Used to act on the very
// file a tracee's fd refers to, instead of a path that may have changed (threat-model.md row 9).
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Tracing;

public static class PidFd
{
    public static Errno Open(int pid, out SafeFd pidfd)
    {
        int fd = Libc.pidfd_open(pid, 0);
        pidfd = SafeFd.Adopt(fd);
        return fd < 0 ? Libc.LastErrno() : Errno.OK;
    }

    public static Errno GetFd(SafeFd pidfd, int targetFd, out SafeFd fd)
    {
        int n = Libc.pidfd_getfd(pidfd.Fd, targetFd, 0);
        fd = SafeFd.Adopt(n);
        return n < 0 ? Libc.LastErrno() : Errno.OK;
    }
}
