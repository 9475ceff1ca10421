// The interpreter itself: each instruction does what linux/filter.h documents, seccomp_data is read little-endian at
// the uapi offsets, and programs the kernel refuses (bpf_check_classic, seccomp_check_filter) are refused here too.
// Programs are written with raw opcodes, as a reader of bpf_common.h would.
using UjailOverlay.Jail.Seccomp;
using Xunit;

namespace UjailOverlay.Jail.Tests.Bpf;

public sealed class BpfInterpreterTests
{
    private static SockFilter S(ushort code, uint k) => new(code, 0, 0, k);
    private static SockFilter J(ushort code, uint k, byte jt, byte jf) => new(code, jt, jf, k);

    private static readonly SockFilter RetA = S(0x16, 0);

    private static uint Run(SeccompData data, params SockFilter[] program) => new BpfInterpreter(program).Run(data).Value;

    private static uint Run(params SockFilter[] program) => Run(SeccompData.X86_64(0), program);

    [Fact]
    public void LdAbs_ReadsSeccompDataLittleEndian()
    {
        var data = new SeccompData(257, SeccompData.ArchX86_64, 0x1122_3344_5566_7788,
            0xAAAA_0001_BBBB_0002, 2, 3, 4, 5, 0xF000_0006_0000_0007);
        Assert.Equal(257u, Run(data, S(0x20, 0), RetA));
        Assert.Equal(SeccompData.ArchX86_64, Run(data, S(0x20, 4), RetA));
        Assert.Equal(0x5566_7788u, Run(data, S(0x20, 8), RetA));
        Assert.Equal(0x1122_3344u, Run(data, S(0x20, 12), RetA));
        Assert.Equal(0xBBBB_0002u, Run(data, S(0x20, 16), RetA));
        Assert.Equal(0xAAAA_0001u, Run(data, S(0x20, 20), RetA));
        Assert.Equal(3u, Run(data, S(0x20, 32), RetA));
        Assert.Equal(7u, Run(data, S(0x20, 56), RetA));
        Assert.Equal(0xF000_0006u, Run(data, S(0x20, 60), RetA));
        Assert.Equal(64u, Run(data, S(0x80, 0), RetA)); // LD W LEN
    }

    [Theory]
    [InlineData(0x04, 7u, 5u, 12u)]           // ADD
    [InlineData(0x14, 7u, 5u, 2u)]            // SUB
    [InlineData(0x14, 5u, 7u, 0xFFFF_FFFEu)]  // SUB wraps
    [InlineData(0x24, 7u, 5u, 35u)]           // MUL
    [InlineData(0x34, 7u, 2u, 3u)]            // DIV
    [InlineData(0x44, 0x5u, 0xAu, 0xFu)]      // OR
    [InlineData(0x54, 0xFFu, 0x0Fu, 0x0Fu)]   // AND
    [InlineData(0xA4, 0xFFu, 0x0Fu, 0xF0u)]   // XOR
    [InlineData(0x64, 1u, 31u, 0x8000_0000u)] // LSH
    [InlineData(0x74, 0x8000_0000u, 31u, 1u)] // RSH is logical
    public void Alu_WithKAndWithX(ushort code, uint a, uint operand, uint expected)
    {
        Assert.Equal(expected, Run(S(0x00, a), S(code, operand), RetA));
        Assert.Equal(expected, Run(S(0x00, a), S(0x01, operand), S((ushort)(code | 0x08), 0), RetA));
    }

    [Fact]
    public void Neg_Tax_Txa_Memory()
    {
        Assert.Equal(0xFFFF_FFFFu, Run(S(0x00, 1), S(0x84, 0), RetA));
        Assert.Equal(9u, Run(S(0x00, 9), S(0x07, 0), S(0x00, 0), S(0x87, 0), RetA)); // TAX, LD 0, TXA
        Assert.Equal(5u, Run(S(0x00, 5), S(0x02, 3), S(0x00, 0), S(0x60, 3), RetA)); // ST M[3], LD M[3]
        Assert.Equal(6u, Run(S(0x01, 6), S(0x03, 15), S(0x61, 15), S(0x87, 0), RetA)); // STX, LDX M, TXA
    }

    [Fact]
    public void DivisionByZeroX_ReturnsZero() => Assert.Equal(0u, Run(S(0x00, 8), S(0x01, 0), S(0x3c, 0), RetA));

    [Theory]
    [InlineData(0x15, 5u, 5u, true)]  // JEQ
    [InlineData(0x15, 5u, 6u, false)]
    [InlineData(0x25, 6u, 5u, true)]  // JGT
    [InlineData(0x25, 5u, 5u, false)]
    [InlineData(0x35, 5u, 5u, true)]  // JGE
    [InlineData(0x35, 4u, 5u, false)]
    [InlineData(0x35, 0xFFFF_FFFFu, 0x4000_0000u, true)] // unsigned
    [InlineData(0x45, 6u, 2u, true)]  // JSET
    [InlineData(0x45, 5u, 2u, false)]
    public void ConditionalJumps_WithKAndWithX(ushort code, uint a, uint operand, bool taken)
    {
        uint expected = taken ? 1u : 2u;
        Assert.Equal(expected, Run(S(0x00, a), J(code, operand, 1, 0), S(0x06, 2), S(0x06, 1)));
        Assert.Equal(expected,
            Run(S(0x01, operand), S(0x00, a), J((ushort)(code | 0x08), 0, 1, 0), S(0x06, 2), S(0x06, 1)));
    }

    [Fact]
    public void Ja_JumpsByK_AndExecutedCountsEveryStep()
    {
        var interpreter = new BpfInterpreter([S(0x05, 2), S(0x06, 1), S(0x06, 2), S(0x06, 3)]);
        Assert.Equal(new BpfResult(3, 2), interpreter.Run(SeccompData.X86_64(0)));
    }

    [Fact]
    public void MaximalProgram_IsAccepted()
    {
        var program = Enumerable.Repeat(S(0x04, 1), BpfInterpreter.MaxInstructions - 1).Append(RetA).ToArray();
        Assert.Equal(4095u, new BpfInterpreter(program).Run(SeccompData.X86_64(0)).Value);
    }

    [Fact]
    public void MemoryWrittenOnEveryPath_IsAccepted() =>
        Assert.Null(BpfInterpreter.Check([S(0x20, 0), J(0x15, 1, 0, 2), S(0x02, 0), S(0x05, 1), S(0x02, 0),
            S(0x60, 0), RetA]));

    public static TheoryData<string, SockFilter[]> Malformed => new()
    {
        { "empty", [] },
        { "too long", Enumerable.Repeat(S(0x06, 0), BpfInterpreter.MaxInstructions + 1).ToArray() },
        { "no return at the end", [S(0x20, 0)] },
        { "falls off after a jump", [J(0x15, 0, 0, 1), S(0x06, 0), S(0x00, 1)] },
        { "JA past the end", [S(0x05, 1), S(0x06, 0)] },
        { "jt past the end", [J(0x15, 0, 1, 0), S(0x06, 0)] },
        { "jf past the end", [J(0x15, 0, 0, 1), S(0x06, 0)] },
        { "unaligned LD ABS", [S(0x20, 2), RetA] },
        { "LD ABS beyond seccomp_data", [S(0x20, 64), RetA] },
        { "LD H ABS", [S(0x28, 0), RetA] },
        { "LD B ABS", [S(0x30, 0), RetA] },
        { "LD IND", [S(0x40, 0), RetA] },
        { "LDX MSH", [S(0xb1, 0), RetA] },
        { "RET X", [S(0x0e, 0)] },
        { "MOD", [S(0x94, 3), RetA] },
        { "division by zero K", [S(0x34, 0), RetA] },
        { "shift by 32", [S(0x64, 32), RetA] },
        { "memory slot 16", [S(0x02, 16), RetA] },
        { "memory read before write", [S(0x60, 0), RetA] },
        { "memory written on one path only", [S(0x20, 0), J(0x15, 1, 0, 1), S(0x02, 0), S(0x60, 0), RetA] },
        { "unknown class bits", [S(0xff, 0), RetA] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedPrograms_AreRejected(string what, SockFilter[] program)
    {
        Assert.NotNull(BpfInterpreter.Check(program));
        Assert.Throws<BpfRejectedException>(() => new BpfInterpreter(program));
        _ = what;
    }
}
