// The lower layer's held directory handles (LowerDirCache): a walk through held directories answers the same
// as a fresh one, never hands out a hidden directory, and a host change behind the jail's back (a directory
// renamed away and another made at its name) shows once the entry has aged out (LowerDirCache.MaxAgeMs).
using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Tests.Support;

namespace UjailOverlay.Linux.Tests;

public class LowerDirCacheTests : IDisposable
{
    private readonly TempDir _dir = new("lowercache");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Walking_through_held_directories_answers_as_a_fresh_walk()
    {
        _dir.File("a/b/c/file", "12345");
        _dir.Link("a/b/link", "c");
        using var lower = new HostLowerLayer(_dir.Path);
        Assert.Equal(Errno.OK, lower.LstatThrough("/a", out var a));
        Assert.Equal(Errno.OK, lower.LstatThrough("/a/b", out var b));
        Assert.True(a.IsDirectory && b.IsDirectory);
        Assert.Equal(Errno.OK, lower.Lstat("/a/b", out var bFresh));
        Assert.Equal((bFresh.Dev, bFresh.Ino, bFresh.Mode), (b.Dev, b.Ino, b.Mode));
        Assert.Equal(Errno.OK, lower.LstatThrough("/a/b/c", out _));
        Assert.Equal(Errno.OK, lower.Lstat("/a/b/c/file", out var file));
        Assert.Equal(5, file.Size);
        // A symlink met on the way is reported as one, never held or followed.
        Assert.Equal(Errno.OK, lower.LstatThrough("/a/b/link", out var link));
        Assert.Equal(NodeType.Symlink, link.Type);
        Assert.Equal(Errno.ENOTDIR, lower.Lstat("/a/b/link/file", out _));
        Assert.Equal(Errno.ENOENT, lower.LstatThrough("/a/none", out _));
    }

    [Fact]
    public void A_hidden_directory_is_never_held_or_answered()
    {
        var state = _dir.Sub("var/state");
        _dir.File("var/state/upper/x", "secret");
        using var lower = new HostLowerLayer(_dir.Path, [state]);
        Assert.Equal(Errno.OK, lower.LstatThrough("/var", out _));
        Assert.Equal(Errno.ENOENT, lower.LstatThrough("/var/state", out _));
        Assert.Equal(Errno.ENOENT, lower.LstatThrough("/var/state/upper", out _));
        Assert.Equal(Errno.ENOENT, lower.Lstat("/var/state/upper/x", out _));
        Assert.Equal(Errno.ENOENT, lower.LstatThrough("/var/./state", out _));
    }

    [Fact]
    public void A_directory_replaced_on_the_host_shows_once_the_held_handle_has_aged_out()
    {
        _dir.File("d/sub/old", "o");
        using var lower = new HostLowerLayer(_dir.Path);
        Assert.Equal(Errno.OK, lower.LstatThrough("/d", out var before));
        Assert.Equal(Errno.OK, lower.Lstat("/d/sub/old", out _));
        Directory.Move(Path.Combine(_dir.Path, "d"), Path.Combine(_dir.Path, "d.moved"));
        _dir.File("d/sub/new", "n");
        Thread.Sleep((int)LowerDirCache.MaxAgeMs + 200);
        Assert.Equal(Errno.OK, lower.LstatThrough("/d", out var after));
        Assert.NotEqual(before.Ino, after.Ino);
        Assert.Equal(Errno.OK, lower.Lstat("/d/sub/new", out _));
        Assert.Equal(Errno.ENOENT, lower.Lstat("/d/sub/old", out _));
    }
}
