// The prctl(2) settings a jailed child needs before its filter goes in: no_new_privs (required to install a
// filter without CAP_SYS_ADMIN, and it stops a traced setuid exec from regaining root: threat-model.md §2 (c))
// and the parent-death signal (fires when the parent *thread* exits).
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

public static class Prctl
{
    public static Errno SetNoNewPrivs() => Libc.Check(Libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));

    public static bool GetNoNewPrivs() => Libc.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;

    public static Errno SetParentDeathSignal(int sig) => Libc.Check(Libc.prctl(PR_SET_PDEATHSIG, (ulong)sig, 0, 0, 0));
}
