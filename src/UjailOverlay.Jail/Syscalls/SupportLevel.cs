// How the jail treats one syscall, and so which seccomp action the filter returns for it (seccomp(2), "Filter
// return values"). The filter is an allowlist: a number with no table entry fails with ENOSYS, so a level is only
// ever granted by a line of SyscallTable.
namespace UjailOverlay.Jail.Syscalls;

public enum SupportLevel
{
    /// <summary>SECCOMP_RET_ALLOW: the kernel runs the call unchanged; it can touch nothing the jail must protect.</summary>
    PassedThrough,

    /// <summary>SECCOMP_RET_USER_NOTIF: the supervisor performs the call against the overlay and returns its result.</summary>
    Emulated,

    /// <summary>
    /// SECCOMP_RET_TRACE: handled at a ptrace seccomp stop because the kernel must act on the caller itself (a new
    /// memory image). Without a tracer the call fails with ENOSYS (seccomp(2)), so this fails closed.
    /// </summary>
    Traced,

    /// <summary>SECCOMP_RET_ERRNO: the call fails with the entry's errno and never reaches the kernel proper.</summary>
    Denied,

    /// <summary>
    /// The action depends on register arguments (never on tracee memory): the entry's ArgRules are tried in order and
    /// the first whose checks all hold decides; when none holds the call is passed through.
    /// </summary>
    Conditional,
}
