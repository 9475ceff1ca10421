// struct sock_filter (linux/filter.h): one classic BPF instruction, 8 bytes. Stmt and Jump are the
// BPF_STMT and BPF_JUMP macros of the same header.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SockFilter
{
    public ushort Code;
    public byte Jt;
    public byte Jf;
    public uint K;

    public const int Size = 8;

    public static SockFilter Stmt(ushort code, uint k) => new() { Code = code, K = k };

    public static SockFilter Jump(ushort code, uint k, byte jt, byte jf) =>
        new() { Code = code, Jt = jt, Jf = jf, K = k };

    public override readonly string ToString() => $"{{ 0x{Code:x2}, {Jt}, {Jf}, 0x{K:x8} }}";
}
