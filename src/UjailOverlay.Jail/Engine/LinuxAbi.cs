// Argument values of the emulated system calls (x86_64; include/uapi/linux/fcntl.h, asm-generic/fcntl.h,
// linux/stat.h, linux/openat2.h), decoded once here so handlers read as the man pages do.
namespace UjailOverlay.Jail.Engine;

internal static class LinuxAbi
{
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_REMOVEDIR = 0x200;
    public const int AT_EACCESS = 0x200;
    public const int AT_SYMLINK_FOLLOW = 0x400;
    public const int AT_NO_AUTOMOUNT = 0x800;
    public const int AT_EMPTY_PATH = 0x1000;

    public const int O_RDONLY = 0;
    public const int O_ACCMODE = 0x3;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NOCTTY = 0x100;
    public const int O_TRUNC = 0x200;
    public const int O_APPEND = 0x400;
    public const int O_NONBLOCK = 0x800;
    public const int O_DSYNC = 0x1000;
    public const int O_ASYNC = 0x2000;
    public const int O_DIRECT = 0x4000;
    public const int O_LARGEFILE = 0x8000;
    public const int O_DIRECTORY = 0x10000;
    public const int O_NOFOLLOW = 0x20000;
    public const int O_NOATIME = 0x40000;
    public const int O_CLOEXEC = 0x80000;
    public const int O_SYNC = 0x101000;
    public const int O_PATH = 0x200000;
    public const int O_TMPFILE = 0x400000 | O_DIRECTORY;

    /// <summary>Flags the supervisor passes on when it opens the real object (the rest it has handled).</summary>
    public const int PassOnOpenFlags = O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_SYNC | O_NOCTTY;

    public const long UTIME_NOW = (1L << 30) - 1;
    public const long UTIME_OMIT = (1L << 30) - 2;

    public const ulong RESOLVE_NO_XDEV = 0x01, RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04,
        RESOLVE_BENEATH = 0x08, RESOLVE_IN_ROOT = 0x10, RESOLVE_CACHED = 0x20;

    public const int XATTR_CREATE = 1, XATTR_REPLACE = 2;
    public const int XATTR_NAME_MAX = 255, XATTR_SIZE_MAX = 65536, XATTR_LIST_MAX = 65536;

    public const ushort AF_UNIX = 1;

    /// <summary>mknod(2)'s dev argument (new_decode_dev) → glibc's st_rdev encoding (gnu_dev_makedev).</summary>
    public static ulong RdevFromMknod(ulong dev)
    {
        var major = (dev & 0xfff00) >> 8;
        var minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
        return MakeDev(major, minor);
    }

    public static ulong MakeDev(ulong major, ulong minor) =>
        ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xffUL) << 12) | ((major & ~0xfffUL) << 32);

    public static (ulong Major, ulong Minor) SplitDev(ulong rdev) =>
        (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffUL), (rdev & 0xff) | ((rdev >> 12) & ~0xffUL));
}
