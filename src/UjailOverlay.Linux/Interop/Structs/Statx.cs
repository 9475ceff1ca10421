// struct statx and struct statx_timestamp (linux/stat.h, kernel 6.18 field set): what statx(2) fills.
// 256 bytes, the same on every architecture. stx_mask says which fields the kernel filled.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct StatxTimestamp
{
    public long tv_sec;
    public uint tv_nsec;
    public int __reserved;
}

[StructLayout(LayoutKind.Explicit, Size = 256)]
public struct Statx
{
    [FieldOffset(0)] public uint stx_mask;
    [FieldOffset(4)] public uint stx_blksize;
    [FieldOffset(8)] public ulong stx_attributes;
    [FieldOffset(16)] public uint stx_nlink;
    [FieldOffset(20)] public uint stx_uid;
    [FieldOffset(24)] public uint stx_gid;
    [FieldOffset(28)] public ushort stx_mode;
    [FieldOffset(32)] public ulong stx_ino;
    [FieldOffset(40)] public ulong stx_size;
    [FieldOffset(48)] public ulong stx_blocks;
    [FieldOffset(56)] public ulong stx_attributes_mask;
    [FieldOffset(64)] public StatxTimestamp stx_atime;
    [FieldOffset(80)] public StatxTimestamp stx_btime;
    [FieldOffset(96)] public StatxTimestamp stx_ctime;
    [FieldOffset(112)] public StatxTimestamp stx_mtime;
    [FieldOffset(128)] public uint stx_rdev_major;
    [FieldOffset(132)] public uint stx_rdev_minor;
    [FieldOffset(136)] public uint stx_dev_major;
    [FieldOffset(140)] public uint stx_dev_minor;
    [FieldOffset(144)] public ulong stx_mnt_id;
    [FieldOffset(152)] public uint stx_dio_mem_align;
    [FieldOffset(156)] public uint stx_dio_offset_align;
    [FieldOffset(160)] public ulong stx_subvol;
    [FieldOffset(168)] public uint stx_atomic_write_unit_min;
    [FieldOffset(172)] public uint stx_atomic_write_unit_max;
    [FieldOffset(176)] public uint stx_atomic_write_segments_max;
    [FieldOffset(180)] public uint stx_dio_read_offset_align;
    [FieldOffset(184)] public uint stx_atomic_write_unit_max_opt;

    public const int Size = 256;
}
