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
        var pathBytes = CPath.Of(path);
        var args = argv.Select(CPath.Of).ToArray();
        var env = envp.Select(CPath.Of).ToArray();
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        try
        {
            byte** a = stackalloc byte*[args.Length + 1];
            byte** v = stackalloc byte*[env.Length + 1];
            for (var i = 0; i < args.Length; i++) a[i] = Pin(args[i]);
            for (var i = 0; i < env.Length; i++) v[i] = Pin(env[i]);
            a[args.Length] = null;
            v[env.Length] = null;
            fixed (byte* p = pathBytes) Libc.execve(p, a, v);
            return Libc.LastErrno();
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }

        byte* Pin(byte[] bytes)
        {
            var h = System.Runtime.InteropServices.GCHandle.Alloc(bytes, System.Runtime.InteropServices.GCHandleType.Pinned);
            handles.Add(h);
            return (byte*)h.AddrOfPinnedObject();
        }
    }
}
