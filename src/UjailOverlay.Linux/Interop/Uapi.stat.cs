// statx masks and attributes (linux/stat.h) and getdents64 d_type values (linux/fs_types.h, DT_*).
// The S_IF* type bits live in UjailOverlay.Core.NodeType.
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const uint STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_NLINK = 0x4, STATX_UID = 0x8, STATX_GID = 0x10;
    public const uint STATX_ATIME = 0x20, STATX_MTIME = 0x40, STATX_CTIME = 0x80, STATX_INO = 0x100;
    public const uint STATX_SIZE = 0x200, STATX_BLOCKS = 0x400, STATX_BASIC_STATS = 0x7ff;
    public const uint STATX_BTIME = 0x800, STATX_MNT_ID = 0x1000, STATX_DIOALIGN = 0x2000;
    public const uint STATX_MNT_ID_UNIQUE = 0x4000, STATX_SUBVOL = 0x8000, STATX_WRITE_ATOMIC = 0x10000;
    public const uint STATX_DIO_READ_ALIGN = 0x20000;
    public const uint STATX__RESERVED = 0x80000000;

    public const ulong STATX_ATTR_MOUNT_ROOT = 0x2000;

    public const byte DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10;
    public const byte DT_SOCK = 12, DT_WHT = 14;
}
