// struct linux_dirent64 (linux/dirent.h; getdents64(2)): a fixed 19-byte header followed by the
// NUL-terminated name; d_reclen covers both and is a multiple of 8.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Explicit, Size = 24)]
public struct LinuxDirent64
{
    [FieldOffset(0)] public ulong d_ino;
    [FieldOffset(8)] public long d_off;
    [FieldOffset(16)] public ushort d_reclen;
    [FieldOffset(18)] public byte d_type;

    /// <summary>offsetof(struct linux_dirent64, d_name).</summary>
    public const int NameOffset = 19;
}
