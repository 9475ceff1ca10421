// seccomp operations, filter flags, return actions, user-notification flags and ioctls (linux/seccomp.h;
// SECCOMP_IOCTL_NOTIF_SET_FLAGS and SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP are newer than Debian 12's headers:
// kernel 6.6, include/uapi/linux/seccomp.h), and the audit arches (linux/audit.h, linux/elf-em.h).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const uint SECCOMP_SET_MODE_STRICT = 0, SECCOMP_SET_MODE_FILTER = 1;
    public const uint SECCOMP_GET_ACTION_AVAIL = 2, SECCOMP_GET_NOTIF_SIZES = 3;

    public const uint SECCOMP_FILTER_FLAG_TSYNC = 1, SECCOMP_FILTER_FLAG_LOG = 2, SECCOMP_FILTER_FLAG_SPEC_ALLOW = 4;
    public const uint SECCOMP_FILTER_FLAG_NEW_LISTENER = 8, SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 16;
    public const uint SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 32;

    public const uint SECCOMP_RET_KILL_PROCESS = 0x80000000, SECCOMP_RET_KILL_THREAD = 0x00000000;
    public const uint SECCOMP_RET_TRAP = 0x00030000, SECCOMP_RET_ERRNO = 0x00050000;
    public const uint SECCOMP_RET_USER_NOTIF = 0x7fc00000, SECCOMP_RET_TRACE = 0x7ff00000;
    public const uint SECCOMP_RET_LOG = 0x7ffc0000, SECCOMP_RET_ALLOW = 0x7fff0000;
    public const uint SECCOMP_RET_ACTION_FULL = 0xffff0000, SECCOMP_RET_ACTION = 0x7fff0000;
    public const uint SECCOMP_RET_DATA = 0x0000ffff;

    /// <summary>seccomp_notif_resp.flags: let the kernel run the call. Only safe when the decision used no
    /// tracee memory (see the UAPI comment and engine-notes.md §2).</summary>
    public const uint SECCOMP_USER_NOTIF_FLAG_CONTINUE = 1;

    /// <summary>seccomp_notif_addfd.flags: SETFD installs at newfd; SEND also answers the notification with
    /// the new fd number, atomically (kernel 5.14).</summary>
    public const uint SECCOMP_ADDFD_FLAG_SETFD = 1, SECCOMP_ADDFD_FLAG_SEND = 2;

    /// <summary>SECCOMP_IOCTL_NOTIF_SET_FLAGS value: wake the supervisor on the same CPU (kernel 6.6).</summary>
    public const ulong SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP = 1;

    // _IOWR('!', 0, struct seccomp_notif), _IOWR('!', 1, struct seccomp_notif_resp), _IOW('!', 2, __u64),
    // _IOW('!', 3, struct seccomp_notif_addfd), _IOW('!', 4, __u64).
    public const ulong SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100, SECCOMP_IOCTL_NOTIF_SEND = 0xc0182101;
    public const ulong SECCOMP_IOCTL_NOTIF_ID_VALID = 0x40082102, SECCOMP_IOCTL_NOTIF_ADDFD = 0x40182103;
    public const ulong SECCOMP_IOCTL_NOTIF_SET_FLAGS = 0x40082104;

    public const uint AUDIT_ARCH_X86_64 = 0xC000003E, AUDIT_ARCH_I386 = 0x40000003;

    /// <summary>x32 system calls carry this bit in nr and report AUDIT_ARCH_X86_64 (asm/unistd.h).</summary>
    public const uint __X32_SYSCALL_BIT = 0x40000000;

    /// <summary>Offsets into struct seccomp_data for BPF_ABS loads.</summary>
    public const uint SECCOMP_DATA_NR = 0, SECCOMP_DATA_ARCH = 4, SECCOMP_DATA_IP = 8, SECCOMP_DATA_ARGS = 16;

    /// <summary>Offset of the low 32 bits of args[i] (little-endian); the high half is 4 bytes further.</summary>
    public static uint SeccompDataArgLo(int i) => SECCOMP_DATA_ARGS + (uint)(8 * i);
}
