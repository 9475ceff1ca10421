// Landlock IPC scoping (ABI 6, Linux 6.12): after landlock_restrict_self, the calling thread and everything it
// executes or forks may signal only processes in its own Landlock domain (or nested ones), and may connect to
// abstract AF_UNIX sockets only if they were bound inside it. The jail's trampoline scopes itself just before
// the exec, so a jailed program cannot kill ujail, a host daemon or any other process of the same user, and
// cannot reach a host service listening on an abstract socket. Signals from outside in (ujail's own, the
// terminal's, exit and parent-death signals) are unaffected. No file system access is handled: the overlay is
// the file system policy.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Sandbox;

public static unsafe class LandlockScope
{
    /// <summary>The kernel's Landlock ABI version, or 0 when Landlock is not available (not built, or off).</summary>
    public static int AbiVersion()
    {
        var v = Libc.syscall(SYS_landlock_create_ruleset, 0, 0, LANDLOCK_CREATE_RULESET_VERSION, 0, 0, 0);
        return v < 0 ? 0 : (int)v;
    }

    /// <summary>Restricts the calling thread (and what it executes) to signalling its own domain and, when
    /// abstractSockets, to abstract sockets bound inside it. Needs no_new_privs (or CAP_SYS_ADMIN). ENOSYS or
    /// EOPNOTSUPP when the kernel has no Landlock; EINVAL when it predates ABI 6 (no scoping).</summary>
    public static Errno Restrict(bool abstractSockets)
    {
        var attr = new LandlockRulesetAttr
        {
            Scoped = LANDLOCK_SCOPE_SIGNAL | (abstractSockets ? LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET : 0),
        };
        var fd = Libc.syscall(SYS_landlock_create_ruleset, (long)&attr, sizeof(LandlockRulesetAttr), 0, 0, 0, 0);
        if (fd < 0) return Libc.LastErrno();
        using var ruleset = SafeFd.Adopt((int)fd);
        return Libc.Check(Libc.syscall(SYS_landlock_restrict_self, ruleset.Fd, 0, 0, 0, 0, 0));
    }
}
