// Records for tests, and comparisons that look inside xattr values (records compare byte[] by reference).
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using Xunit;

namespace UjailOverlay.State.Tests.Support;

internal static class Samples
{
    public static readonly Timespec T0 = new(1_700_000_000, 123_456_789);

    public static InodeRecord Regular(ulong ino, string? lowerPath = null, bool dataInUpper = true,
        IReadOnlyDictionary<string, byte[]>? xattrs = null) =>
        new(ino, NodeType.Regular, 0x1A4, 1000, 1000, 0, T0, T0, T0, dataInUpper, lowerPath, null, null, false, null,
            xattrs ?? new Dictionary<string, byte[]>());

    public static InodeRecord Dir(ulong ino, bool opaque = false, string? redirect = null, string? lowerPath = null) =>
        new(ino, NodeType.Directory, 0x1ED, 1000, 1000, 0, T0, T0, T0, true, lowerPath, null, null, opaque, redirect,
            new Dictionary<string, byte[]>());

    public static InodeRecord Symlink(ulong ino, string target) =>
        new(ino, NodeType.Symlink, 0x1FF, 1000, 1000, 0, T0, T0, T0, true, null, null, target, false, null,
            new Dictionary<string, byte[]>());

    public static JournalEntry Entry(string syscall, string path, int result = 0) =>
        new(DateTimeOffset.UnixEpoch.AddTicks(17_000_000_000_000_001), 4242, "/usr/bin/touch", "touch x", syscall, path, null, result);

    public static void Equal(OverlayImage expected, OverlayImage actual)
    {
        Assert.Equal(expected.NextIno, actual.NextIno);
        Assert.Equal(expected.Dentries.OrderBy(d => d.Path, StringComparer.Ordinal), actual.Dentries.OrderBy(d => d.Path, StringComparer.Ordinal));
        var want = expected.Inodes.OrderBy(i => i.Ino).ToList();
        var got = actual.Inodes.OrderBy(i => i.Ino).ToList();
        Assert.Equal(want.Select(i => i.Ino), got.Select(i => i.Ino));
        for (var i = 0; i < want.Count; i++)
            Equal(want[i], got[i]);
    }

    public static void Equal(InodeRecord expected, InodeRecord actual)
    {
        Assert.Equal(expected with { Xattrs = Empty }, actual with { Xattrs = Empty });
        Assert.Equal(expected.Xattrs.Keys.Order(StringComparer.Ordinal), actual.Xattrs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected.Xattrs)
            Assert.Equal(value, actual.Xattrs[name]);
    }

    private static readonly IReadOnlyDictionary<string, byte[]> Empty = new Dictionary<string, byte[]>();
}
