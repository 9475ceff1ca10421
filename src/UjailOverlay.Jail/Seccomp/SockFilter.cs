// One classic BPF instruction as the kernel reads it: struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }
// (linux/filter.h), 8 bytes, so an array of these can be handed to seccomp(SECCOMP_SET_MODE_FILTER) through a
// struct sock_fprog without conversion. Field names are the kernel's. Jump offsets jt/jf are relative to the next
// instruction and only 8 bits wide; BPF_JA carries a 32-bit offset in k.
using System.Globalization;
using System.Runtime.InteropServices;

namespace UjailOverlay.Jail.Seccomp;

[StructLayout(LayoutKind.Sequential)]
public readonly struct SockFilter : IEquatable<SockFilter>
{
#pragma warning disable IDE1006 // kernel field names (linux/filter.h)
    public readonly ushort code;
    public readonly byte jt;
    public readonly byte jf;
    public readonly uint k;
#pragma warning restore IDE1006

    public SockFilter(ushort code, byte jt, byte jf, uint k)
    {
        this.code = code;
        this.jt = jt;
        this.jf = jf;
        this.k = k;
    }

    /// <summary>BPF_STMT(code, k) of linux/filter.h.</summary>
    public static SockFilter Stmt(ushort code, uint k) => new(code, 0, 0, k);

    /// <summary>BPF_JUMP(code, k, jt, jf) of linux/filter.h.</summary>
    public static SockFilter Jump(ushort code, uint k, byte jt, byte jf) => new(code, jt, jf, k);

    public bool Equals(SockFilter other) => code == other.code && jt == other.jt && jf == other.jf && k == other.k;

    public override bool Equals(object? obj) => obj is SockFilter other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(code, jt, jf, k);

    public static bool operator ==(SockFilter left, SockFilter right) => left.Equals(right);

    public static bool operator !=(SockFilter left, SockFilter right) => !left.Equals(right);

    /// <summary>The form `bpf_dbg`/`seccomp-tools` print: { code, jt, jf, k }.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{ 0x{code:x2}, {jt}, {jf}, 0x{k:x8} }}");
}
