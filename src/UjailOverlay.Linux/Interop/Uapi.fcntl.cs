// open(2) flags, AT_* flags, fcntl commands, seals, renameat2 and close_range flags, UTIME_* values
// (asm-generic/fcntl.h, linux/fcntl.h, linux/fs.h, linux/close_range.h, linux/stat.h). Kernel values:
// O_LARGEFILE is 0 in glibc's headers on x86_64 but the kernel's 0x8000 shows up in traced open flags.
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3;
    public const int O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100, O_TRUNC = 0x200, O_APPEND = 0x400;
    public const int O_NONBLOCK = 0x800, O_DSYNC = 0x1000, FASYNC = 0x2000, O_DIRECT = 0x4000;
    public const int O_LARGEFILE = 0x8000, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_NOATIME = 0x40000;
    public const int O_CLOEXEC = 0x80000, __O_SYNC = 0x100000, O_SYNC = 0x101000, O_PATH = 0x200000;
    public const int __O_TMPFILE = 0x400000, O_TMPFILE = 0x410000;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200;
    public const int AT_SYMLINK_FOLLOW = 0x400, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000;
    public const int AT_STATX_SYNC_AS_STAT = 0, AT_STATX_FORCE_SYNC = 0x2000, AT_STATX_DONT_SYNC = 0x4000;
    public const int AT_RECURSIVE = 0x8000;

    public const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
    public const int F_DUPFD_CLOEXEC = 1030, F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
    public const int FD_CLOEXEC = 1;
    public const int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8, F_SEAL_FUTURE_WRITE = 0x10;

    public const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

    public const int CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;

    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    public const int PATH_MAX = 4096, NAME_MAX = 255;
}
