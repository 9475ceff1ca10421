// Encodes a NodeStat of the merged view as the bytes an emulated stat-family call writes into tracee memory:
// the x86_64 `struct stat` (asm/stat.h, 144 bytes) for newfstatat/fstat/lstat, and `struct statx`
// (linux/stat.h, 256 bytes) for statx. Like the kernel (fs/stat.c, cp_statx), statx fills every basic field
// whatever was asked and reports in stx_mask what it filled: STATX_BASIC_STATS, plus STATX_BTIME when a
// birth time is known. Fields that cannot be known (mount id, DIO alignment, ...) stay zero and unreported.
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Emulation;

public static class StatEncoder
{
    public static Stat ToStat(NodeStat s) => new()
    {
        st_dev = s.Dev,
        st_ino = s.Ino,
        st_nlink = s.Nlink,
        st_mode = s.Mode,
        st_uid = s.Uid,
        st_gid = s.Gid,
        st_rdev = s.Rdev,
        st_size = s.Size,
        st_blksize = s.BlockSize,
        st_blocks = s.Blocks,
        st_atime = s.Atime.Sec,
        st_atime_nsec = s.Atime.Nsec,
        st_mtime = s.Mtime.Sec,
        st_mtime_nsec = s.Mtime.Nsec,
        st_ctime = s.Ctime.Sec,
        st_ctime_nsec = s.Ctime.Nsec,
    };

    /// <summary>Writes the 144-byte struct stat into dst.</summary>
    public static void WriteStat(NodeStat s, Span<byte> dst)
    {
        var st = ToStat(s);
        MemoryMarshal.Write(dst[..Stat.Size], in st);
    }

    /// <summary>Builds struct statx. EINVAL for a mask with STATX__RESERVED set (as statx(2)).</summary>
    public static Errno ToStatx(NodeStat s, uint requestedMask, Timespec? btime, out Statx stx)
    {
        stx = default;
        if ((requestedMask & STATX__RESERVED) != 0)
            return Errno.EINVAL;
        stx.stx_mask = STATX_BASIC_STATS | (btime is null ? 0 : STATX_BTIME);
        stx.stx_blksize = (uint)s.BlockSize;
        stx.stx_nlink = s.Nlink;
        stx.stx_uid = s.Uid;
        stx.stx_gid = s.Gid;
        stx.stx_mode = (ushort)s.Mode;
        stx.stx_ino = s.Ino;
        stx.stx_size = (ulong)s.Size;
        stx.stx_blocks = (ulong)s.Blocks;
        stx.stx_atime = Ts(s.Atime);
        stx.stx_mtime = Ts(s.Mtime);
        stx.stx_ctime = Ts(s.Ctime);
        if (btime is { } b)
            stx.stx_btime = Ts(b);
        stx.stx_rdev_major = DevT.Major(s.Rdev);
        stx.stx_rdev_minor = DevT.Minor(s.Rdev);
        stx.stx_dev_major = DevT.Major(s.Dev);
        stx.stx_dev_minor = DevT.Minor(s.Dev);
        return Errno.OK;
    }

    /// <summary>Writes the 256-byte struct statx into dst.</summary>
    public static Errno WriteStatx(NodeStat s, uint requestedMask, Timespec? btime, Span<byte> dst)
    {
        var e = ToStatx(s, requestedMask, btime, out var stx);
        if (e == Errno.OK)
            MemoryMarshal.Write(dst[..Statx.Size], in stx);
        return e;
    }

    private static StatxTimestamp Ts(Timespec t) => new() { tv_sec = t.Sec, tv_nsec = (uint)t.Nsec };
}
