using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Tests.Support;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tests;

public class HostFsTests : IDisposable
{
    private readonly TempDir _dir = new("hostfs");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LstatAt_does_not_follow_a_final_symlink()
    {
        _dir.File("f", "hello");
        _dir.Link("l", "f");
        using var root = OpenDir(_dir.Path);
        Assert.Equal(Errno.OK, HostFs.LstatAt(root, "l", out var ls));
        Assert.Equal(NodeType.Symlink, ls.Type);
        Assert.Equal(Errno.OK, HostFs.LstatAt(root, "f", out var fs));
        Assert.Equal(NodeType.Regular, fs.Type);
        Assert.Equal(5, fs.Size);
        Assert.Equal(Errno.OK, HostFs.LstatAt(root, "", out var ds));
        Assert.True(ds.IsDirectory);
        Assert.Equal(Errno.ENOENT, HostFs.LstatAt(root, "missing", out _));
        Assert.Equal(Errno.EINVAL, HostFs.LstatAt(root, "a\0b", out _));
    }

    [Fact]
    public void Fstat_matches_lstat()
    {
        var f = _dir.File("f", "x");
        using var root = OpenDir(_dir.Path);
        Assert.Equal(Errno.OK, HostFs.OpenBeneath(root, "f", O_RDONLY, 0, out var fd));
        using (fd)
        {
            Assert.Equal(Errno.OK, HostFs.Fstat(fd.Fd, out var a));
            Assert.Equal(Errno.OK, HostFs.LstatAt(root, "f", out var b));
            Assert.Equal(b, a);
        }
    }

    [Fact]
    public void OpenBeneath_refuses_dotdot_symlinks_and_magic_links()
    {
        _dir.Sub("d");
        _dir.File("d/f", "x");
        _dir.Link("out", "/etc");
        _dir.Link("d/up", "..");
        using var root = OpenDir(Path.Combine(_dir.Path, "d"));
        Assert.Equal(Errno.OK, HostFs.OpenBeneath(root, "f", O_RDONLY, 0, out var ok));
        ok.Dispose();
        Assert.Equal(Errno.EXDEV, HostFs.OpenBeneath(root, "../d/f", O_RDONLY, 0, out var a));
        a.Dispose();
        Assert.Equal(Errno.ELOOP, HostFs.OpenBeneath(root, "up/out/passwd", O_RDONLY, 0, out var b));
        b.Dispose();
        Assert.Equal(Errno.ELOOP, HostFs.OpenBeneath(root, "up", O_RDONLY, 0, out var c));
        c.Dispose();
        // O_PATH|O_NOFOLLOW opens the final link itself; its target is readable through the fd.
        Assert.Equal(Errno.OK, HostFs.OpenBeneath(root, "up", O_PATH | O_NOFOLLOW, 0, out var link));
        using (link)
        {
            Assert.Equal(Errno.OK, HostFs.ReadLinkFd(link.Fd, out var target));
            Assert.Equal("..", target);
        }
    }

    [Fact]
    public void OpenHostNoFollow_reads_and_refuses_symlinks_and_write_flags()
    {
        var f = _dir.File("f", "content");
        _dir.Link("l", f);
        Assert.Equal(Errno.OK, HostFs.OpenHostNoFollow(f, O_RDONLY, out var fd));
        fd.Dispose();
        Assert.Equal(Errno.ELOOP, HostFs.OpenHostNoFollow(Path.Combine(_dir.Path, "l"), O_RDONLY, out var l));
        l.Dispose();
        Assert.Throws<ArgumentException>(() => HostFs.OpenHostNoFollow(f, O_WRONLY, out _));
        Assert.Throws<ArgumentException>(() => HostFs.OpenHostNoFollow(f, O_RDWR, out _));
        Assert.Throws<ArgumentException>(() => HostFs.OpenHostNoFollow(f, O_RDONLY | O_TRUNC, out _));
        Assert.Throws<ArgumentException>(() => HostFs.OpenHostNoFollow(f, O_RDONLY | O_CREAT, out _));
        Assert.Equal("content", File.ReadAllText(f));
    }

    [Fact]
    public void FdPath_names_the_open_file()
    {
        var f = _dir.File("named", "x");
        Assert.Equal(Errno.OK, HostFs.OpenHostNoFollow(f, O_RDONLY, out var fd));
        using (fd)
        {
            Assert.Equal(Errno.OK, HostFs.FdPath(fd.Fd, out var path));
            Assert.Equal(f, path);
        }
    }

    [Fact]
    public void ReadLinkAt_reads_long_targets()
    {
        var target = new string('t', 3000);
        _dir.Link("long", target);
        using var root = OpenDir(_dir.Path);
        Assert.Equal(Errno.OK, HostFs.ReadLinkAt(root.Fd, "long", out var got));
        Assert.Equal(target, got);
    }

    internal static SafeFd OpenDir(string path)
    {
        Assert.Equal(Errno.OK, HostFs.OpenAt2(AT_FDCWD, path, O_PATH | O_DIRECTORY, 0, 0, out var fd));
        return fd;
    }
}
