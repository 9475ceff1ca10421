// ExecImage reads what the kernel would from the head of a file to execute: a "#!" line, or a 64-bit ELF's
// PT_INTERP. Checked on real system binaries and on crafted files the kernel would not take an interpreter from.
using System.Buffers.Binary;
using UjailOverlay.Core;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Jail.Tests.Kit;
using UjailOverlay.Linux.Fs;
using Xunit;

namespace UjailOverlay.Jail.Tests.Engine;

public sealed class ExecImageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ujail-execimage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_dynamic_binary_names_the_system_loader_and_a_static_one_or_the_loader_itself_none()
    {
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", Read("/usr/bin/true").ElfInterpreter);
        Assert.Equal(ExecImage.Plain, Read(Probes.Executable("probe_seed", ProbeVariant.Static)));
        Assert.Equal(ExecImage.Plain, Read("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
    }

    [Theory]
    [InlineData("#!/bin/sh\necho hi\n", "/bin/sh", null)]
    [InlineData("#! /usr/bin/env  python3 -u \r\n", "/usr/bin/env", "python3 -u")]
    [InlineData("#!/bin/bash", "/bin/bash", null)]
    public void A_shebang_line_gives_the_interpreter_and_one_argument(string content, string interpreter, string? argument)
    {
        var image = Read(Write("script", System.Text.Encoding.UTF8.GetBytes(content)));
        Assert.Equal(new ExecImage(interpreter, argument, null), image);
    }

    [Fact]
    public void Only_the_first_256_bytes_of_a_shebang_line_count_as_binfmt_script_reads_them()
    {
        var image = Read(Write("long", System.Text.Encoding.UTF8.GetBytes("#!/bin/sh " + new string('a', 300) + "\n")));
        Assert.Equal("/bin/sh", image.ShebangInterpreter);
        Assert.Equal(256 - "#!/bin/sh ".Length, image.ShebangArgument!.Length);
    }

    [Fact]
    public void An_interpreter_past_the_first_kilobyte_is_read_where_the_header_puts_it()
    {
        var elf = Elf(interpOffset: 5000, interp: "/opt/far/ld.so\0"u8.ToArray());
        Assert.Equal("/opt/far/ld.so", Read(Write("far", elf)).ElfInterpreter);
    }

    [Fact]
    public void Headers_the_kernel_would_refuse_give_no_interpreter()
    {
        Assert.Null(Read(Write("nonul", Elf(interpOffset: 200, interp: "/lib/ld.so"u8.ToArray()))).ElfInterpreter);
        var elf32 = Elf(interpOffset: 200, interp: "/lib/ld.so\0"u8.ToArray());
        elf32[4] = 1; // ELFCLASS32
        Assert.Null(Read(Write("elf32", elf32)).ElfInterpreter);
        var relocatable = Elf(interpOffset: 200, interp: "/lib/ld.so\0"u8.ToArray());
        BinaryPrimitives.WriteUInt16LittleEndian(relocatable.AsSpan(16), 1); // ET_REL
        Assert.Null(Read(Write("rel", relocatable)).ElfInterpreter);
        var cut = Elf(interpOffset: 5000, interp: "/opt/ld.so\0"u8.ToArray())[..4000]; // PT_INTERP past the end
        Assert.Null(Read(Write("cut", cut)).ElfInterpreter);
        Assert.Equal(ExecImage.Plain, Read(Write("empty", [])));
    }

    /// <summary>An ELF64 header with one program header, PT_INTERP, pointing at INTERP placed at INTERPOFFSET.</summary>
    private static byte[] Elf(int interpOffset, byte[] interp)
    {
        var file = new byte[interpOffset + interp.Length];
        "\u007fELF"u8.CopyTo(file);
        file[4] = 2; file[5] = 1; file[6] = 1; // ELFCLASS64, little-endian, version 1
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(16), 3); // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(18), 62); // EM_X86_64
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(32), 64); // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(54), 56); // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(56), 1); // e_phnum
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(64), 3); // PT_INTERP
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(64 + 8), (ulong)interpOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(64 + 32), (ulong)interp.Length);
        interp.CopyTo(file, interpOffset);
        return file;
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static ExecImage Read(string path)
    {
        Assert.Equal(Errno.OK, HostFs.OpenHostNoFollow(path, 0x80000, out var fd));
        using (fd) return ExecImage.Read(fd);
    }
}
