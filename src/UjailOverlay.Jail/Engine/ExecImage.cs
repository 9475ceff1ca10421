// What the kernel would read from the start of a file it is asked to execute, read once by the supervisor from
// the file the jail decided on: a "#!" line (fs/binfmt_script.c: interpreter and at most one argument), or the
// PT_INTERP path of a 64-bit ELF (fs/binfmt_elf.c), the program interpreter the kernel opens on the host by
// itself. Anything else (a static ELF, a 32-bit ELF, a file the kernel will refuse) has neither.
using System.Buffers.Binary;
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Fs;

namespace UjailOverlay.Jail.Engine;

internal sealed record ExecImage(string? ShebangInterpreter, string? ShebangArgument, string? ElfInterpreter)
{
    private const int HeadSize = 1024, ShebangBufferSize = 256; // BINPRM_BUF_SIZE: binfmt_script sees no more
    private const uint PT_INTERP = 3;
    private const int ElfHeaderSize = 64, ProgramHeaderSize = 56;

    public static readonly ExecImage Plain = new(null, null, null);

    /// <summary>Reads the head of the open file FD; Plain when it cannot be read.</summary>
    public static ExecImage Read(SafeFd fd)
    {
        Span<byte> head = stackalloc byte[HeadSize];
        var n = HostIo.ReadAt(fd, head, 0);
        if (n < 4) return Plain;
        head = head[..n];
        if (head[0] == '#' && head[1] == '!') return Shebang(head[2..Math.Min(n, ShebangBufferSize)]);
        return new ExecImage(null, null, ReadElfInterpreter(fd, head));
    }

    private static ExecImage Shebang(ReadOnlySpan<byte> line)
    {
        var nl = line.IndexOf((byte)'\n');
        if (nl >= 0) line = line[..nl];
        var text = Encoding.UTF8.GetString(line).Trim(' ', '\t', '\r');
        if (text.Length == 0) return Plain;
        var split = text.IndexOfAny([' ', '\t']);
        if (split < 0) return new ExecImage(text, null, null);
        var arg = text[split..].Trim(' ', '\t');
        return new ExecImage(text[..split], arg.Length == 0 ? null : arg, null);
    }

    /// <summary>PT_INTERP of a little-endian ELF64 executable or shared object, as binfmt_elf takes it (a string
    /// of 2 to PATH_MAX bytes whose last byte is NUL); null when there is none or the headers are not sane.</summary>
    private static string? ReadElfInterpreter(SafeFd fd, ReadOnlySpan<byte> head)
    {
        if (head.Length < ElfHeaderSize || !head[..4].SequenceEqual("\u007fELF"u8) || head[4] != 2 || head[5] != 1) return null;
        var type = BinaryPrimitives.ReadUInt16LittleEndian(head[16..]);
        if (type is not (2 or 3)) return null; // ET_EXEC, ET_DYN
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(head[32..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(head[54..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(head[56..]);
        if (phentsize != ProgramHeaderSize || phnum == 0 || phnum > 65536 / ProgramHeaderSize || phoff > int.MaxValue) return null;
        var table = ReadRange(fd, head, (long)phoff, phnum * ProgramHeaderSize);
        if (table is null) return null;
        for (var i = 0; i < phnum; i++)
        {
            var ph = table.AsSpan(i * ProgramHeaderSize, ProgramHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != PT_INTERP) continue;
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]);
            var size = BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]);
            if (size < 2 || size > (ulong)VirtualPath.PathMax || offset > int.MaxValue) return null;
            var bytes = ReadRange(fd, head, (long)offset, (int)size);
            if (bytes is null || bytes[^1] != 0) return null;
            var end = Array.IndexOf(bytes, (byte)0);
            return FileNameEncoding.Decode(bytes.AsSpan(0, end));
        }
        return null;
    }

    /// <summary>COUNT bytes at OFFSET: from the head already read, or one pread.</summary>
    private static byte[]? ReadRange(SafeFd fd, ReadOnlySpan<byte> head, long offset, int count)
    {
        if (offset + count <= head.Length) return head.Slice((int)offset, count).ToArray();
        var bytes = new byte[count];
        return HostIo.ReadAt(fd, bytes, offset) == count ? bytes : null;
    }
}
