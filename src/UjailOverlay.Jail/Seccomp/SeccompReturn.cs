// Maps the table's vocabulary (support level and errno) to a seccomp filter return value (seccomp(2), "Filter
// return values"; linux/seccomp.h). The one place that decides which SECCOMP_RET_* a support level means.
using UjailOverlay.Jail.Syscalls;
using static UjailOverlay.Jail.Seccomp.SeccompConstants;

namespace UjailOverlay.Jail.Seccomp;

public static class SeccompReturn
{
    /// <summary>The kernel caps an errno at MAX_ERRNO (include/linux/err.h) when it applies SECCOMP_RET_ERRNO.</summary>
    public const int MaxErrno = 4095;

    /// <summary>The return value for a settled (non-Conditional) outcome.</summary>
    public static uint For(SupportLevel support, int errno) => support switch
    {
        SupportLevel.PassedThrough => SECCOMP_RET_ALLOW,
        SupportLevel.Emulated => SECCOMP_RET_USER_NOTIF,
        SupportLevel.Traced => SECCOMP_RET_TRACE,
        SupportLevel.Denied when errno is > 0 and <= MaxErrno => Errno(errno),
        SupportLevel.Denied => throw new ArgumentOutOfRangeException(nameof(errno), errno, "A denial needs an errno in 1..4095."),
        _ => throw new ArgumentOutOfRangeException(nameof(support), support, "Conditional has no single return value."),
    };

    /// <summary>SECCOMP_RET_ERRNO with the errno in SECCOMP_RET_DATA.</summary>
    public static uint Errno(int errno) => SECCOMP_RET_ERRNO | ((uint)errno & SECCOMP_RET_DATA);
}
