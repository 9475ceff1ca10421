// The errno values the syscall table denies with, and their names for the report (asm-generic/errno-base.h,
// asm-generic/errno.h). Kept as plain ints because SECCOMP_RET_ERRNO carries the value in its low 16 bits
// (linux/seccomp.h, SECCOMP_RET_DATA); UjailOverlay.Core's errno enum is the general table for the engine.
namespace UjailOverlay.Jail.Syscalls;

public static class SyscallErrno
{
    /// <summary>Operation not permitted: the call exists but the jail refuses it.</summary>
    public const int EPERM = 1;

    /// <summary>Function not implemented: what the kernel itself returns for a number it lacks (or a call compiled out).</summary>
    public const int ENOSYS = 38;

    /// <summary>Operation not supported: name_to_handle_at(2) documents it for filesystems without handles.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>The symbolic name of an errno the table uses, or the number itself for any other value.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOSYS => nameof(ENOSYS),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        _ => errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
