// TraceeMemory against this process (process_vm_readv/writev work on one's own pid): strings copied once,
// page-bounded, with getname()'s errors; page faults reported as EFAULT.
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Tests.Support;
using UjailOverlay.Linux.Tracing;

namespace UjailOverlay.Linux.Tests;

public class TraceeMemoryTests
{
    private static readonly int Pid = Libc.getpid();
    private static readonly int Page = Environment.SystemPageSize;

    [Fact]
    public void Reads_a_string_from_pinned_memory()
    {
        var buf = GC.AllocateArray<byte>(64, pinned: true);
        "hello/world\0garbage"u8.CopyTo(buf);
        Assert.Equal(Errno.OK, TraceeMemory.ReadCString(Pid, Addr(buf), 4096, out var s));
        Assert.Equal("hello/world", s);
    }

    [Fact]
    public void Keeps_raw_bytes_of_non_utf8_names()
    {
        var buf = GC.AllocateArray<byte>(16, pinned: true);
        byte[] raw = [(byte)'a', 0xff, 0xfe, (byte)'b'];
        raw.CopyTo(buf, 0);
        Assert.Equal(Errno.OK, TraceeMemory.ReadCStringBytes(Pid, Addr(buf), 4096, out var bytes));
        Assert.Equal(raw, bytes);
        Assert.Equal(Errno.OK, TraceeMemory.ReadCString(Pid, Addr(buf), 4096, out var s));
        Assert.Equal(raw, FileNameEncoding.Encode(s!));
    }

    [Fact]
    public void No_nul_within_max_is_ENAMETOOLONG()
    {
        var buf = GC.AllocateArray<byte>(8192, pinned: true);
        buf.AsSpan().Fill((byte)'a');
        Assert.Equal(Errno.ENAMETOOLONG, TraceeMemory.ReadCString(Pid, Addr(buf), 4096, out _));
        buf[4095] = 0; // exactly PATH_MAX bytes including the NUL: fits
        Assert.Equal(Errno.OK, TraceeMemory.ReadCString(Pid, Addr(buf), 4096, out var s));
        Assert.Equal(4095, s!.Length);
        Assert.Equal(Errno.ENAMETOOLONG, TraceeMemory.ReadCString(Pid, Addr(buf), 100, out _));
    }

    [Fact]
    public unsafe void A_string_ending_at_an_unreadable_page_reads_and_one_running_into_it_faults()
    {
        nint map = TestLibc.mmap(0, (nuint)(2 * Page), TestLibc.PROT_READ | TestLibc.PROT_WRITE,
            TestLibc.MAP_PRIVATE | TestLibc.MAP_ANONYMOUS, -1, 0);
        Assert.NotEqual(-1, map);
        try
        {
            Assert.Equal(0, TestLibc.mprotect(map + Page, (nuint)Page, TestLibc.PROT_NONE));
            var first = new Span<byte>((void*)map, Page);
            first.Fill((byte)'x');
            first[^1] = 0;
            ulong start = (ulong)(map + Page - 10);
            Assert.Equal(Errno.OK, TraceeMemory.ReadCString(Pid, start, 4096, out var s));
            Assert.Equal("xxxxxxxxx", s);
            first[^1] = (byte)'x';
            Assert.Equal(Errno.EFAULT, TraceeMemory.ReadCString(Pid, start, 4096, out _));
            Assert.Equal(Errno.EFAULT, TraceeMemory.Read(Pid, start, new byte[20]));
            Assert.Equal(Errno.OK, TraceeMemory.Read(Pid, start, new byte[10]));
        }
        finally
        {
            TestLibc.munmap(map, (nuint)(2 * Page));
        }
    }

    [Fact]
    public void Null_and_wild_addresses_fault()
    {
        Assert.Equal(Errno.EFAULT, TraceeMemory.ReadCString(Pid, 0, 4096, out _));
        Assert.Equal(Errno.EFAULT, TraceeMemory.ReadCString(Pid, ulong.MaxValue - 3, 4096, out _));
        Assert.Equal(Errno.EFAULT, TraceeMemory.Write(Pid, 8, [1]));
    }

    [Fact]
    public void Writes_and_reads_structs()
    {
        var buf = GC.AllocateArray<byte>(32, pinned: true);
        var how = new OpenHow { flags = 0x241, mode = 0x1a4, resolve = Uapi.RESOLVE_BENEATH };
        Assert.Equal(Errno.OK, TraceeMemory.Write(Pid, Addr(buf), in how));
        Assert.Equal(0x241ul, BitConverter.ToUInt64(buf, 0));
        Assert.Equal(Errno.OK, TraceeMemory.Read(Pid, Addr(buf), out OpenHow back));
        Assert.Equal(how, back);
    }

    [Fact]
    public void A_process_that_does_not_exist_is_ESRCH()
    {
        Assert.Equal(Errno.ESRCH, TraceeMemory.Read(0x3ffffff0, 0x1000, new byte[1]));
    }

    private static ulong Addr(byte[] pinned) => (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
}
