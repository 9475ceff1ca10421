// Every kernel number the filter builder uses, with the uapi header it comes from: classic BPF opcodes
// (linux/bpf_common.h, included by linux/filter.h), seccomp return actions and the seccomp_data layout
// (linux/seccomp.h), the audit architecture (linux/audit.h, linux/elf-em.h) and the x32 syscall bit
// (arch/x86/include/uapi/asm/unistd.h). Nothing else in the builder spells a kernel value.
namespace UjailOverlay.Jail.Seccomp;

public static class SeccompConstants
{
    // linux/bpf_common.h, the parts the builder uses. An opcode is class | size/op | mode/source:
    // instruction class (code & 0x07),
    public const ushort BPF_LD = 0x00;
    public const ushort BPF_ALU = 0x04;
    public const ushort BPF_JMP = 0x05;
    public const ushort BPF_RET = 0x06;

    // load width (code & 0x18) and addressing mode (code & 0xe0),
    public const ushort BPF_W = 0x00;
    public const ushort BPF_ABS = 0x20;

    // ALU and jump operations (code & 0xf0),
    public const ushort BPF_AND = 0x50;
    public const ushort BPF_JA = 0x00;
    public const ushort BPF_JEQ = 0x10;
    public const ushort BPF_JGE = 0x30;
    public const ushort BPF_JSET = 0x40;

    // and operand source (code & 0x08): the constant k.
    public const ushort BPF_K = 0x00;

    /// <summary>linux/bpf_common.h: BPF_MAXINSNS, the most instructions a classic program may have.</summary>
    public const int BPF_MAXINSNS = 4096;

    /// <summary>jt and jf are __u8 (linux/filter.h): the farthest a conditional jump reaches.</summary>
    public const int MaxConditionalJump = byte.MaxValue;

    // linux/seccomp.h: filter return values, most restrictive first. The low 16 bits (SECCOMP_RET_DATA) carry
    // the errno for SECCOMP_RET_ERRNO.
    public const uint SECCOMP_RET_KILL_PROCESS = 0x8000_0000;
    public const uint SECCOMP_RET_ERRNO = 0x0005_0000;
    public const uint SECCOMP_RET_USER_NOTIF = 0x7fc0_0000;
    public const uint SECCOMP_RET_TRACE = 0x7ff0_0000;
    public const uint SECCOMP_RET_ALLOW = 0x7fff_0000;
    public const uint SECCOMP_RET_DATA = 0x0000_ffff;

    // linux/seccomp.h: struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }.
    public const uint SeccompDataNrOffset = 0;
    public const uint SeccompDataArchOffset = 4;
    public const uint SeccompDataArgsOffset = 16;

    /// <summary>linux/audit.h: EM_X86_64 (62) | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE.</summary>
    public const uint AUDIT_ARCH_X86_64 = 0xC000_003E;

    /// <summary>asm/unistd.h: x32 syscalls report AUDIT_ARCH_X86_64 too and are told apart by this bit.</summary>
    public const uint X32_SYSCALL_BIT = 0x4000_0000;
}
