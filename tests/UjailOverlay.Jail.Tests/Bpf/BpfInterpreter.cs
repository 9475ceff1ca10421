// A classic BPF interpreter for seccomp filters, so tests can run the jail's filter without a kernel (after gVisor's
// pkg/bpf/interpreter.go, written anew). Loading a program checks it as the kernel does before it runs anything:
// bpf_check_classic (net/core/filter.c: length 1..BPF_MAXINSNS, jumps inside the program, RET last, no division by a
// zero constant, shifts below 32, memory slots written before read) and seccomp_check_filter (kernel/seccomp.c: only
// the opcodes seccomp allows, and LD ABS aligned and inside struct seccomp_data). Opcode values are spelled here from
// linux/bpf_common.h on purpose, not borrowed from the builder, so a wrong constant there shows up as a test failure.
using System.Buffers.Binary;
using UjailOverlay.Jail.Seccomp;

namespace UjailOverlay.Jail.Tests.Bpf;

/// <summary>What a run returned, and how many instructions it executed (the RET included).</summary>
public readonly record struct BpfResult(uint Value, int Executed);

public sealed class BpfInterpreter
{
    public const int MaxInstructions = 4096; // BPF_MAXINSNS
    public const int MemWords = 16;          // BPF_MEMWORDS

    // linux/bpf_common.h
    private const ushort LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06, MISC = 0x07;
    private const ushort W = 0x00, IMM = 0x00, ABS = 0x20, MEM = 0x60, LEN = 0x80;
    private const ushort ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60,
        RSH = 0x70, NEG = 0x80, XOR = 0xa0;
    private const ushort JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;
    private const ushort K = 0x00, X = 0x08, A = 0x10; // operand source; RET's BPF_A is 0x10
    private const ushort TAX = 0x00, TXA = 0x80;

    private readonly SockFilter[] _program;

    /// <summary>Checks program as the kernel would and keeps a copy; throws BpfRejectedException otherwise.</summary>
    public BpfInterpreter(IReadOnlyList<SockFilter> program)
    {
        _program = [.. program];
        if (Check(_program) is string reason)
            throw new BpfRejectedException(reason);
    }

    /// <summary>Runs the program over one 64-byte seccomp_data.</summary>
    public BpfResult Run(SeccompData data) => Run(data.ToBytes());

    public BpfResult Run(ReadOnlySpan<byte> data)
    {
        if (data.Length != SeccompData.Size)
            throw new ArgumentException("seccomp_data is 64 bytes.", nameof(data));
        uint a = 0, x = 0;
        Span<uint> mem = stackalloc uint[MemWords];
        int executed = 0;
        for (int pc = 0; ; pc++)
        {
            SockFilter insn = _program[pc];
            executed++;
            switch (insn.code)
            {
                case LD | W | ABS: a = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)insn.k..]); break;
                case LD | W | LEN: a = SeccompData.Size; break;
                case LDX | W | LEN: x = SeccompData.Size; break;
                case LD | IMM: a = insn.k; break;
                case LDX | IMM: x = insn.k; break;
                case LD | MEM: a = mem[(int)insn.k]; break;
                case LDX | MEM: x = mem[(int)insn.k]; break;
                case ST: mem[(int)insn.k] = a; break;
                case STX: mem[(int)insn.k] = x; break;
                case MISC | TAX: x = a; break;
                case MISC | TXA: a = x; break;
                case ALU | NEG: a = (uint)-(int)a; break;
                case RET | K: return new BpfResult(insn.k, executed);
                case RET | A: return new BpfResult(a, executed);
                case JMP | JA: pc += (int)insn.k; break;
                default:
                    int cls = insn.code & 0x07;
                    uint operand = (insn.code & X) != 0 ? x : insn.k;
                    if (cls == ALU)
                    {
                        // net/core/filter.c (bpf_convert_filter): a classic program dividing by X == 0 returns 0.
                        if ((insn.code & 0xf0) == DIV && operand == 0)
                            return new BpfResult(0, executed);
                        a = Alu(insn.code & 0xf0, a, operand);
                    }
                    else
                    {
                        pc += Compare(insn.code & 0xf0, a, operand) ? insn.jt : insn.jf;
                    }
                    break;
            }
        }
    }

    /// <summary>Null when the kernel would accept program as a seccomp filter, else why it would not.</summary>
    public static string? Check(IReadOnlyList<SockFilter> program)
    {
        int length = program.Count;
        if (length == 0 || length > MaxInstructions)
            return $"length {length} is outside 1..{MaxInstructions}";
        for (int pc = 0; pc < length; pc++)
        {
            SockFilter insn = program[pc];
            if (!IsSeccompOpcode(insn.code))
                return $"pc {pc}: opcode 0x{insn.code:x2} is not allowed in a seccomp filter";
            switch (insn.code)
            {
                case LD | W | ABS when insn.k >= SeccompData.Size || (insn.k & 3) != 0:
                    return $"pc {pc}: load at offset {insn.k} is outside seccomp_data or unaligned";
                case ALU | DIV | K when insn.k == 0:
                    return $"pc {pc}: division by zero";
                case ALU | LSH | K or ALU | RSH | K when insn.k >= 32:
                    return $"pc {pc}: shift by {insn.k}";
                case LD | MEM or LDX | MEM or ST or STX when insn.k >= MemWords:
                    return $"pc {pc}: memory slot {insn.k} does not exist";
                case JMP | JA when insn.k >= (uint)(length - pc - 1):
                    return $"pc {pc}: jump past the end";
            }
            if ((insn.code & 0x07) == JMP && (insn.code & 0xf0) != JA &&
                (pc + insn.jt + 1 >= length || pc + insn.jf + 1 >= length))
                return $"pc {pc}: conditional jump past the end";
        }
        if ((program[length - 1].code & 0x07) != RET)
            return "the last instruction is not a return";
        return CheckMemory(program);
    }

    // net/core/filter.c (check_load_and_stores): a slot may only be read where every path to it has written it.
    // Jumps go forward only, so one pass in program order sees every predecessor of an instruction first.
    private static string? CheckMemory(IReadOnlyList<SockFilter> program)
    {
        const ushort all = 0xffff;
        var valid = new ushort[program.Count];
        Array.Fill(valid, all);
        ushort current = 0;
        for (int pc = 0; pc < program.Count; pc++)
        {
            current &= valid[pc];
            SockFilter insn = program[pc];
            switch (insn.code)
            {
                case ST or STX:
                    current |= (ushort)(1 << (int)insn.k);
                    break;
                case LD | MEM or LDX | MEM when (current & (1 << (int)insn.k)) == 0:
                    return $"pc {pc}: memory slot {insn.k} read before it is written";
                case JMP | JA:
                    valid[pc + 1 + (int)insn.k] &= current;
                    current = all;
                    break;
                case RET | K or RET | A:
                    current = all;
                    break;
                default:
                    if ((insn.code & 0x07) == JMP)
                    {
                        valid[pc + 1 + insn.jt] &= current;
                        valid[pc + 1 + insn.jf] &= current;
                        current = all;
                    }
                    break;
            }
        }
        return null;
    }

    // kernel/seccomp.c (seccomp_check_filter): the opcodes a seccomp filter may use.
    private static bool IsSeccompOpcode(ushort code) => code switch
    {
        LD | W | ABS or LD | W | LEN or LDX | W | LEN => true,
        RET | K or RET | A => true,
        ALU | NEG => true,
        ALU | ADD | K or ALU | ADD | X or ALU | SUB | K or ALU | SUB | X => true,
        ALU | MUL | K or ALU | MUL | X or ALU | DIV | K or ALU | DIV | X => true,
        ALU | AND | K or ALU | AND | X or ALU | OR | K or ALU | OR | X => true,
        ALU | XOR | K or ALU | XOR | X or ALU | LSH | K or ALU | LSH | X or ALU | RSH | K or ALU | RSH | X => true,
        LD | IMM or LDX | IMM or MISC | TAX or MISC | TXA => true,
        LD | MEM or LDX | MEM or ST or STX => true,
        JMP | JA => true,
        JMP | JEQ | K or JMP | JEQ | X or JMP | JGE | K or JMP | JGE | X => true,
        JMP | JGT | K or JMP | JGT | X or JMP | JSET | K or JMP | JSET | X => true,
        _ => false,
    };

    private static uint Alu(int op, uint a, uint operand) => op switch
    {
        ADD => a + operand,
        SUB => a - operand,
        MUL => a * operand,
        DIV => a / operand,
        AND => a & operand,
        OR => a | operand,
        XOR => a ^ operand,
        // A shift by X of 32 or more is undefined in classic BPF; x86 masks the count, and so does C#.
        LSH => a << (int)operand,
        RSH => a >> (int)operand,
        _ => throw new InvalidOperationException($"ALU op 0x{op:x2} passed the check but has no meaning"),
    };

    private static bool Compare(int op, uint a, uint operand) => op switch
    {
        JEQ => a == operand,
        JGT => a > operand,
        JGE => a >= operand,
        JSET => (a & operand) != 0,
        _ => throw new InvalidOperationException($"jump op 0x{op:x2} passed the check but has no meaning"),
    };
}

/// <summary>The kernel would refuse this program (EINVAL from seccomp(2)).</summary>
public sealed class BpfRejectedException(string reason) : Exception(reason);
