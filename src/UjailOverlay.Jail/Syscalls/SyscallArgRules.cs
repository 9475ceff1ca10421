// The register-value rules of the Conditional syscalls and the kernel constants they test. Each rule reads argument
// registers only: a decision from tracee memory could be raced by another thread (seccomp(2), "Caveats"), so
// anything that needs memory is Emulated instead. Threat model §2(d) and rows 24-26 say why each rule exists.
namespace UjailOverlay.Jail.Syscalls;

public static class SyscallArgRules
{
    // ioctl(2) request numbers, built as _IOC(dir, type, nr, size) = dir<<30 | size<<16 | type<<8 | nr
    // (asm-generic/ioctl.h). The kernel's `cmd` parameter is `unsigned int`, so only the low 32 bits count.

    /// <summary>Push a byte into the tty's input queue: injection into the controlling shell (asm-generic/ioctls.h).</summary>
    public const uint TIOCSTI = 0x5412;

    /// <summary>Console sub-commands, including selection paste into the console's input (asm-generic/ioctls.h).</summary>
    public const uint TIOCLINUX = 0x541C;

    /// <summary>_IOW('f', 2, long): set inode flags (immutable, append-only, ...) (linux/fs.h).</summary>
    public const uint FS_IOC_SETFLAGS = 0x40086602;

    /// <summary>_IOW('f', 2, int): the 32-bit spelling of FS_IOC_SETFLAGS, also accepted on x86_64 (linux/fs.h).</summary>
    public const uint FS_IOC32_SETFLAGS = 0x40046602;

    /// <summary>_IOW('v', 2, long): set the inode generation number; ext4 lets the owner do it through a read-only
    /// fd (linux/fs.h; fs/ext4/ioctl.c).</summary>
    public const uint FS_IOC_SETVERSION = 0x40087602;

    /// <summary>_IOW('v', 2, int): the 32-bit spelling of FS_IOC_SETVERSION (linux/fs.h).</summary>
    public const uint FS_IOC32_SETVERSION = 0x40047602;

    /// <summary>_IOW('X', 32, struct fsxattr): set extended inode flags and project id (linux/fs.h).</summary>
    public const uint FS_IOC_FSSETXATTR = 0x401C5820;

    /// <summary>_IOW('f', 133, struct fsverity_enable_arg): make a file read-only for ever (linux/fsverity.h).</summary>
    public const uint FS_IOC_ENABLE_VERITY = 0x40806685;

    /// <summary>_IOR('f', 19, struct fscrypt_policy_v1): set a directory's encryption policy; _IOR for historical
    /// reasons (linux/fscrypt.h).</summary>
    public const uint FS_IOC_SET_ENCRYPTION_POLICY = 0x800C6613;

    /// <summary>_IOWR(0x94, 54, struct file_dedupe_range): share extents between files with equal content; the
    /// destination may be a read-only descriptor of a file the caller owns (fs/remap_range.c
    /// allow_file_dedupe), so it would re-map a host file's blocks through a lower descriptor (linux/fs.h).</summary>
    public const uint FIDEDUPERANGE = 0xC0189436;

    // clone(2) namespace flags (linux/sched.h). clone() takes the exit signal from the low byte (CSIGNAL), so
    // CLONE_NEWTIME (0x80) is only reachable through clone3 and unshare; with clone() that bit would name signal
    // 128 or more, which the kernel rejects, so denying it costs nothing.
    public const ulong CLONE_NEWTIME = 0x0000_0080;
    public const ulong CLONE_NEWNS = 0x0002_0000;
    public const ulong CLONE_NEWCGROUP = 0x0200_0000;
    public const ulong CLONE_NEWUTS = 0x0400_0000;
    public const ulong CLONE_NEWIPC = 0x0800_0000;
    public const ulong CLONE_NEWUSER = 0x1000_0000;
    public const ulong CLONE_NEWPID = 0x2000_0000;
    public const ulong CLONE_NEWNET = 0x4000_0000;

    /// <summary>Every CLONE_NEW* flag: a new namespace would let the tracee resolve paths differently from the
    /// supervisor, or mount over them (threat model row 26).</summary>
    public const ulong CloneNewNamespaces = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
        CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME;

    /// <summary>seccomp(2) operation that installs a filter (linux/seccomp.h).</summary>
    public const uint SECCOMP_SET_MODE_FILTER = 1;

    /// <summary>seccomp(2) flag asking for a user-notification listener (linux/seccomp.h).</summary>
    public const ulong SECCOMP_FILTER_FLAG_NEW_LISTENER = 1UL << 3;

    /// <summary>ioctl: requests that inject tty input, change host inode flags or re-map a file's extents fail with
    /// EPERM; others pass.</summary>
    public static IReadOnlyList<ArgRule> Ioctl { get; } =
    [
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, TIOCSTI)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, TIOCLINUX)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC_SETFLAGS)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC32_SETFLAGS)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC_SETVERSION)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC32_SETVERSION)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC_FSSETXATTR)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC_ENABLE_VERITY)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FS_IOC_SET_ENCRYPTION_POLICY)),
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.Low32Equals(1, FIDEDUPERANGE)),
    ];

    /// <summary>clone: any CLONE_NEW* flag in args[0] fails with EPERM; threads and forks pass.</summary>
    public static IReadOnlyList<ArgRule> Clone { get; } =
    [
        ArgRule.Deny(SyscallErrno.EPERM, ArgCheck.AnyBitSet(0, CloneNewNamespaces)),
    ];

    /// <summary>seccomp: installing a filter with a listener fails with EPERM, so no filter of the tracee's can
    /// answer for ours (threat model row 25); plain filter installs pass and can only restrict further.</summary>
    public static IReadOnlyList<ArgRule> Seccomp { get; } =
    [
        ArgRule.Deny(SyscallErrno.EPERM,
            ArgCheck.Low32Equals(0, SECCOMP_SET_MODE_FILTER),
            ArgCheck.AnyBitSet(1, SECCOMP_FILTER_FLAG_NEW_LISTENER)),
    ];

    /// <summary>sendto: with a destination address (args[4], all 64 bits) the supervisor checks the sockaddr and
    /// sends; without one the socket is already connected (through the emulated connect) and the call passes.</summary>
    public static IReadOnlyList<ArgRule> Sendto { get; } =
    [
        ArgRule.Emulate(ArgCheck.NonZero(4)),
    ];
}
