// x86_64 system call numbers (asm/unistd_64.h) for the calls this project makes through syscall(2).
// The jail's own syscall table owns the full list.
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const long SYS_getdents64 = 217, SYS_newfstatat = 262, SYS_seccomp = 317, SYS_openat2 = 437,
        SYS_landlock_create_ruleset = 444, SYS_landlock_restrict_self = 446;
}
