// Kernel stat results as the core's NodeStat: the reverse of StatEncoder, for objects of the host.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Fs;

public static class HostStat
{
    public static NodeStat FromStat(in Stat st) => new(
        Dev: st.st_dev,
        Ino: st.st_ino,
        Mode: st.st_mode,
        Nlink: (uint)Math.Min(st.st_nlink, uint.MaxValue),
        Uid: st.st_uid,
        Gid: st.st_gid,
        Rdev: st.st_rdev,
        Size: st.st_size,
        Blocks: st.st_blocks,
        Atime: new Timespec(st.st_atime, st.st_atime_nsec),
        Mtime: new Timespec(st.st_mtime, st.st_mtime_nsec),
        Ctime: new Timespec(st.st_ctime, st.st_ctime_nsec),
        BlockSize: (int)st.st_blksize);

    public static NodeStat FromStatx(in Statx stx) => new(
        Dev: DevT.Make(stx.stx_dev_major, stx.stx_dev_minor),
        Ino: stx.stx_ino,
        Mode: stx.stx_mode,
        Nlink: stx.stx_nlink,
        Uid: stx.stx_uid,
        Gid: stx.stx_gid,
        Rdev: DevT.Make(stx.stx_rdev_major, stx.stx_rdev_minor),
        Size: (long)stx.stx_size,
        Blocks: (long)stx.stx_blocks,
        Atime: new Timespec(stx.stx_atime.tv_sec, stx.stx_atime.tv_nsec),
        Mtime: new Timespec(stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec),
        Ctime: new Timespec(stx.stx_ctime.tv_sec, stx.stx_ctime.tv_nsec),
        BlockSize: (int)stx.stx_blksize);
}
