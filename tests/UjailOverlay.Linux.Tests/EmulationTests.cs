// StatEncoder and Dirents against what the kernel itself produces for the same objects.
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Linux.Emulation;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Tests.Support;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tests;

public class EmulationTests : IDisposable
{
    private readonly TempDir _dir = new("emul");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("file")]
    [InlineData("dir")]
    [InlineData("/dev/null")]
    public void Stat_encoding_is_byte_identical_to_the_kernels(string what)
    {
        string path = what switch
        {
            "file" => _dir.File("f", "some content"),
            "dir" => _dir.Sub("d"),
            _ => what,
        };
        Assert.Equal(Errno.OK, HostFs.LstatAtRaw(AT_FDCWD, path, out var kernel));
        var node = HostStat.FromStat(kernel);
        var ours = new byte[Stat.Size];
        StatEncoder.WriteStat(node, ours);
        var theirs = MemoryMarshal.AsBytes(new ReadOnlySpan<Stat>(in kernel)).ToArray();
        Assert.Equal(theirs, ours);
        if (what == "/dev/null")
        {
            Assert.Equal(1u, DevT.Major(node.Rdev));
            Assert.Equal(3u, DevT.Minor(node.Rdev));
        }
    }

    [Fact]
    public unsafe void Statx_encoding_matches_the_kernels_fields()
    {
        var path = _dir.File("f", "0123456789");
        Statx k;
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(path + "\0"))
            Assert.Equal(0, Libc.statx(AT_FDCWD, p, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &k));
        var node = HostStat.FromStatx(k);
        Assert.Equal(Errno.OK, HostFs.LstatAt(AT_FDCWD, path, out var viaStat));
        Assert.Equal(viaStat, node); // statx and newfstatat agree once decoded

        Timespec? btime = (k.stx_mask & STATX_BTIME) != 0 ? new Timespec(k.stx_btime.tv_sec, k.stx_btime.tv_nsec) : null;
        var buf = new byte[Statx.Size];
        Assert.Equal(Errno.OK, StatEncoder.WriteStatx(node, STATX_BASIC_STATS | STATX_BTIME, btime, buf));
        var ours = MemoryMarshal.Read<Statx>(buf);
        Assert.Equal(STATX_BASIC_STATS | (btime is null ? 0 : STATX_BTIME), ours.stx_mask);
        Assert.Equal(k.stx_mode, ours.stx_mode);
        Assert.Equal(k.stx_ino, ours.stx_ino);
        Assert.Equal(k.stx_size, ours.stx_size);
        Assert.Equal(k.stx_blocks, ours.stx_blocks);
        Assert.Equal(k.stx_blksize, ours.stx_blksize);
        Assert.Equal(k.stx_nlink, ours.stx_nlink);
        Assert.Equal(k.stx_uid, ours.stx_uid);
        Assert.Equal(k.stx_gid, ours.stx_gid);
        Assert.Equal(k.stx_dev_major, ours.stx_dev_major);
        Assert.Equal(k.stx_dev_minor, ours.stx_dev_minor);
        Assert.Equal(k.stx_rdev_major, ours.stx_rdev_major);
        Assert.Equal(k.stx_mtime, ours.stx_mtime);
        Assert.Equal(k.stx_atime, ours.stx_atime);
        Assert.Equal(k.stx_ctime, ours.stx_ctime);
        if (btime is not null)
            Assert.Equal(k.stx_btime, ours.stx_btime);
        Assert.Equal(node, HostStat.FromStatx(ours));
        Assert.Equal(Errno.EINVAL, StatEncoder.WriteStatx(node, STATX__RESERVED, null, buf));
    }

    [Fact]
    public void Dirents_round_trip()
    {
        var entries = new DirEntry[]
        {
            new(".", 2, NodeType.Directory),
            new("a", 10, NodeType.Regular),
            new("exactly-five-chars-name", 11, NodeType.Symlink),
            new(FileNameEncoding.Decode([0xff, (byte)'x']), 12, NodeType.Fifo),
            new(new string('n', 255), 13, NodeType.Socket),
        };
        var buf = new byte[4096];
        int n = Dirents.Write(buf, entries, firstOffset: 40, out int written);
        Assert.Equal(entries.Length, n);
        int i = 0, total = 0;
        foreach (var rec in Dirents.Parse(buf.AsSpan(0, written)))
        {
            Assert.Equal(entries[i].Ino, rec.Ino);
            Assert.Equal(40 + i + 1, rec.Off);
            Assert.Equal(Mode.DirentType(entries[i].Type), rec.Type);
            Assert.Equal(FileNameEncoding.Encode(entries[i].Name), rec.Name.ToArray());
            total += Dirents.RecordLength(rec.Name.Length);
            i++;
        }
        Assert.Equal(entries.Length, i);
        Assert.Equal(written, total);
        Assert.Equal(0, written % 8);
    }

    [Fact]
    public void Dirents_write_only_what_fits()
    {
        var entries = Enumerable.Range(0, 10).Select(i => new DirEntry($"name{i}", (ulong)i + 1, NodeType.Regular)).ToArray();
        int one = Dirents.RecordLength("name0".Length); // 19 + 5 + 1 = 25 → 32
        Assert.Equal(32, one);
        Assert.Equal(3, Dirents.Write(new byte[3 * one + 5], entries, 0, out int written));
        Assert.Equal(3 * one, written);
        Assert.Equal(0, Dirents.Write(new byte[one - 1], entries, 0, out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public unsafe void Dirents_encoding_is_byte_identical_to_getdents64()
    {
        _dir.File("file", "x");
        _dir.Sub("sub");
        _dir.Link("link", "file");
        Assert.Equal(Errno.OK, HostFs.OpenAt2(AT_FDCWD, _dir.Path, O_RDONLY | O_DIRECTORY, 0, 0, out var fd));
        using (fd)
        {
            var kernel = new byte[4096];
            nint n;
            fixed (byte* p = kernel)
                n = Libc.getdents64(fd.Fd, p, (nuint)kernel.Length);
            Assert.True(n > 0);
            var ours = new byte[n];
            int at = 0, count = 0;
            foreach (var rec in Dirents.Parse(kernel.AsSpan(0, (int)n)))
            {
                Assert.True(Dirents.TryWriteOne(ours.AsSpan(at), rec.Ino, rec.Off, rec.Type, rec.Name, out int len));
                at += len;
                count++;
            }
            Assert.Equal(5, count); // ., .., file, sub, link
            Assert.Equal(kernel.AsSpan(0, (int)n).ToArray(), ours);
        }
    }
}
