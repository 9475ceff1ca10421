// Classic BPF opcodes for seccomp programs (linux/bpf_common.h, linux/filter.h).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    // Instruction classes.
    public const ushort BPF_LD = 0x00, BPF_LDX = 0x01, BPF_ST = 0x02, BPF_STX = 0x03;
    public const ushort BPF_ALU = 0x04, BPF_JMP = 0x05, BPF_RET = 0x06, BPF_MISC = 0x07;
    // ld/ldx sizes and modes.
    public const ushort BPF_W = 0x00, BPF_H = 0x08, BPF_B = 0x10;
    public const ushort BPF_IMM = 0x00, BPF_ABS = 0x20, BPF_IND = 0x40, BPF_MEM = 0x60, BPF_LEN = 0x80, BPF_MSH = 0xa0;
    // alu/jmp operations.
    public const ushort BPF_ADD = 0x00, BPF_SUB = 0x10, BPF_MUL = 0x20, BPF_DIV = 0x30, BPF_OR = 0x40;
    public const ushort BPF_AND = 0x50, BPF_LSH = 0x60, BPF_RSH = 0x70, BPF_NEG = 0x80, BPF_MOD = 0x90, BPF_XOR = 0xa0;
    public const ushort BPF_JA = 0x00, BPF_JEQ = 0x10, BPF_JGT = 0x20, BPF_JGE = 0x30, BPF_JSET = 0x40;
    // Sources.
    public const ushort BPF_K = 0x00, BPF_X = 0x08, BPF_A = 0x10;
    // misc.
    public const ushort BPF_TAX = 0x00, BPF_TXA = 0x80;

    public const int BPF_MAXINSNS = 4096;
}
