// One test on a syscall argument register, in the only terms a seccomp filter has: the value the caller put in the
// register, never memory it points to (seccomp(2): the filter sees struct seccomp_data, and pointers in it are
// useless because another thread may change the memory). args[i] is 64 bits wide; the filter reads it as two 32-bit
// words, so a mask with a zero half lets that half hold anything (ioctl's request is an `unsigned int` and the
// kernel ignores the upper half, which is why TIOCSTI must be matched on the low 32 bits; threat model row 24).
using System.Globalization;

namespace UjailOverlay.Jail.Syscalls;

public enum ArgComparison
{
    /// <summary>(args[i] &amp; Mask) == Value.</summary>
    MaskedEquals,

    /// <summary>(args[i] &amp; Mask) != 0: at least one of the masked bits is set.</summary>
    AnyBitSet,
}

public sealed record ArgCheck
{
    /// <summary>seccomp_data holds six arguments (linux/seccomp.h).</summary>
    public const int ArgCount = 6;

    public ArgCheck(int index, ArgComparison comparison, ulong mask, ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ArgCount);
        if (mask == 0)
            throw new ArgumentException("A check with an empty mask tests nothing.", nameof(mask));
        if (comparison == ArgComparison.MaskedEquals && (value & ~mask) != 0)
            throw new ArgumentException("The value has bits outside the mask, so it can never match.", nameof(value));
        if (comparison == ArgComparison.AnyBitSet && value != 0)
            throw new ArgumentException("AnyBitSet takes no value.", nameof(value));
        Index = index;
        Comparison = comparison;
        Mask = mask;
        Value = value;
    }

    public int Index { get; }
    public ArgComparison Comparison { get; }
    public ulong Mask { get; }
    public ulong Value { get; }

    /// <summary>The low 32 bits of args[index] equal value; the high 32 bits are ignored, as the kernel ignores them
    /// for an <c>unsigned int</c> parameter.</summary>
    public static ArgCheck Low32Equals(int index, uint value) =>
        new(index, ArgComparison.MaskedEquals, 0xFFFF_FFFFUL, value);

    /// <summary>Some bit of mask is set in args[index].</summary>
    public static ArgCheck AnyBitSet(int index, ulong mask) => new(index, ArgComparison.AnyBitSet, mask, 0);

    /// <summary>All 64 bits of args[index] are checked: a pointer or length is non-zero.</summary>
    public static ArgCheck NonZero(int index) => new(index, ArgComparison.AnyBitSet, ulong.MaxValue, 0);

    /// <summary>A one-line rendering for `ujail syscalls`, e.g. <c>(u32)args[1] == 0x5412</c>.</summary>
    public string Describe() => (Comparison, Mask) switch
    {
        (ArgComparison.AnyBitSet, ulong.MaxValue) => $"args[{Index}] != 0",
        (ArgComparison.AnyBitSet, _) => $"args[{Index}] & {Hex(Mask)}",
        (ArgComparison.MaskedEquals, ulong.MaxValue) => $"args[{Index}] == {Hex(Value)}",
        (ArgComparison.MaskedEquals, 0xFFFF_FFFFUL) => $"(u32)args[{Index}] == {Hex(Value)}",
        _ => $"(args[{Index}] & {Hex(Mask)}) == {Hex(Value)}",
    };

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
