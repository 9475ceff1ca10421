// struct statfs for x86_64 (asm-generic/statfs.h with a 64-bit __statfs_word; glibc's bits/statfs.h
// matches it). 120 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct Statfs
{
    public long f_type;
    public long f_bsize;
    public ulong f_blocks;
    public ulong f_bfree;
    public ulong f_bavail;
    public ulong f_files;
    public ulong f_ffree;
    public int f_fsid0, f_fsid1;
    public long f_namelen;
    public long f_frsize;
    public long f_flags;
    public long f_spare0, f_spare1, f_spare2, f_spare3;

    public const int Size = 120;
}
