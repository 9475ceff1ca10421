// What the trampoline does to itself before it becomes the jailed command: no_new_privs and a parent-death
// signal, closing every inherited descriptor but stdio and the kept ones, and execve.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

public static unsafe class Processes
{
    /// <summary>PR_SET_NO_NEW_PRIVS (setuid and file capabilities never elevate a jailed exec; also required to
    /// install a filter unprivileged) and PR_SET_PDEATHSIG(SIGKILL) (the tree dies with ujail's tracer thread).</summary>
    public static Errno PrepareForJail()
    {
        var e = Prctl.SetNoNewPrivs();
        if (e != Errno.OK) return e;
        return Prctl.SetParentDeathSignal(SIGKILL);
    }

    /// <summary>Marks every fd above <paramref name="above"/> close-on-exec except the kept ones (cleared), so they
    /// close at the exec and not before: the runtime of the process calling this still uses some of them (the
    /// JIT's double-mapped code memfd) until then.</summary>
    public static Errno CloseAllAboveOnExec(int above, IReadOnlyCollection<int> keep)
    {
        if (Libc.close_range((uint)above + 1, uint.MaxValue, CLOSE_RANGE_CLOEXEC) != 0) return Libc.LastErrno();
        foreach (var k in keep.Where(k => k > above))
            if (Libc.fcntl(k, F_SETFD, 0) != 0) return Libc.LastErrno();
        return Errno.OK;
    }

    /// <summary>execve(2); returns only on failure.</summary>
    public static Errno Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        using var exec = new PreparedExec(argv, envp);
        return exec.Execve(path);
    }
}
