// wait4(2) for a tracer: always with __WALL, so clone children and tracees the tracer did not fork are
// reported too. EINTR is retried here. A return of pid 0 (WNOHANG, nothing ready) gives Errno.OK and pid 0.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

public static unsafe class Wait4
{
    /// <summary>Waits for pid (-1: any child or tracee) with __WALL | options.</summary>
    public static Errno Wait(int pid, int options, out int waited, out WaitStatus status)
    {
        int raw = 0;
        int rc;
        do rc = Libc.wait4(pid, &raw, options | __WALL, null);
        while (rc == -1 && Libc.LastErrno() == Errno.EINTR);
        waited = rc < 0 ? 0 : rc;
        status = new WaitStatus(raw);
        return rc == -1 ? Libc.LastErrno() : Errno.OK;
    }

    /// <summary>The (pid, status) shape: pid is -errno on failure.</summary>
    public static (int Pid, WaitStatus Status) Wait(int pid, int options = 0)
    {
        var e = Wait(pid, options, out int waited, out var status);
        return (e == Errno.OK ? waited : -(int)e, status);
    }
}
