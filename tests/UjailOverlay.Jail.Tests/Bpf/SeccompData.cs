// The input a seccomp filter reads: struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer;
// __u64 args[6]; } (linux/seccomp.h), 64 bytes, laid out little-endian as on x86_64. Tests build one per simulated
// syscall and hand its bytes to BpfInterpreter.
using System.Buffers.Binary;

namespace UjailOverlay.Jail.Tests.Bpf;

public sealed class SeccompData
{
    /// <summary>sizeof(struct seccomp_data).</summary>
    public const int Size = 64;

    /// <summary>AUDIT_ARCH_X86_64 (linux/audit.h), written out here so tests do not borrow the builder's constant.</summary>
    public const uint ArchX86_64 = 0xC000_003E;

    /// <summary>AUDIT_ARCH_I386 (linux/audit.h): what `int $0x80` reports.</summary>
    public const uint ArchI386 = 0x4000_0003;

    public SeccompData(int nr, uint arch, ulong instructionPointer, params ulong[] args)
    {
        if (args.Length > 6)
            throw new ArgumentException("seccomp_data has six arguments.", nameof(args));
        Nr = nr;
        Arch = arch;
        InstructionPointer = instructionPointer;
        Args = new ulong[6];
        args.CopyTo(Args, 0);
    }

    public int Nr { get; }
    public uint Arch { get; }
    public ulong InstructionPointer { get; }
    public ulong[] Args { get; }

    /// <summary>A native x86_64 call; missing arguments are zero.</summary>
    public static SeccompData X86_64(int nr, params ulong[] args) => new(nr, ArchX86_64, 0x0040_1000, args);

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0), Nr);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Arch);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), InstructionPointer);
        for (int i = 0; i < 6; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16 + 8 * i), Args[i]);
        return bytes;
    }

    public override string ToString() =>
        $"nr={Nr} arch=0x{Arch:x8} args=[{string.Join(", ", Args.Select(a => "0x" + a.ToString("x")))}]";
}
