// Every field of the core's records survives IndexWriter -> index.db -> LoadImage exactly: 64-bit numbers above
// 2^63, uid/gid above 2^31, nanoseconds and pre-1970 times, binary and empty xattr values, whiteouts, opaque
// and redirect directories, origins with and without a hash.
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class RoundTripTests
{
    private static OverlayImage RichImage()
    {
        var t1 = new Timespec(1_700_000_000, 999_999_999);
        var t2 = new Timespec(-1, 1);
        var t3 = new Timespec(long.MaxValue / 4, 0);
        var inodes = new List<InodeRecord>
        {
            new(OverlayImage.FirstUpperIno, NodeType.Regular, 0xFFF, 3_000_000_000, uint.MaxValue, 0, t1, t2, t3,
                true, null, null, null, false, null,
                new Dictionary<string, byte[]>
                {
                    ["user.bin"] = [0, 1, 2, 0xFF, 0, 0x80],
                    ["security.capability"] = Enumerable.Range(0, 20).Select(i => (byte)(i * 13)).ToArray(),
                    ["user.empty"] = [],
                }),
            new(1UL << 63 | 5, NodeType.Regular, 0x1A4, 0, 0, 0, t1, t1, t1, false, "/usr/lib/libhuge.so",
                new LowerIdentity(ulong.MaxValue, 1UL << 63 | 5, long.MaxValue, t2, t3, new string('f', 64)),
                null, false, null, new Dictionary<string, byte[]>()),
            new(77, NodeType.Directory, 0x3FF, 1000, 1000, 0, t1, t1, t1, true, "/srv", new LowerIdentity(1, 77, 4096, t1, t1, null),
                null, true, "/srv/was-here", new Dictionary<string, byte[]> { ["trusted.overlay.opaque"] = "y"u8.ToArray() }),
            new(78, NodeType.Symlink, 0x1FF, 1, 2, 0, t1, t1, t1, true, null, null, "../target with spaces/ü", false, null,
                new Dictionary<string, byte[]>()),
            new(79, NodeType.CharDevice, 0x1B6, 0, 0, ulong.MaxValue - 1, t1, t1, t1, false, "/dev/null", null, null, false, null,
                new Dictionary<string, byte[]>()),
        };
        var dentries = new List<DentryRecord>
        {
            new("/srv", 77), new("/srv/new", OverlayImage.FirstUpperIno), new("/srv/gone", 0), new("/usr/lib/libhuge.so", 1UL << 63 | 5),
            new("/usr/lib/also-huge", 1UL << 63 | 5), new("/home/ü/link", 78), new("/dev/null", 79), new("/etc/shadow", 0),
        };
        return new OverlayImage(inodes, dentries, ulong.MaxValue - 7);
    }

    private static void Write(IChangeSink sink, OverlayImage image)
    {
        foreach (var inode in image.Inodes)
            sink.PutInode(inode);
        foreach (var dentry in image.Dentries)
            sink.PutDentry(dentry);
        sink.SetNextIno(image.NextIno);
    }

    [Fact]
    public void Image_round_trips_every_field()
    {
        using var tmp = new TempDir();
        var image = RichImage();
        using (var state = StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen))
            Write(state.Changes, image);

        using var readOnly = StateDirectory.Open(tmp.Sub("s"), StateAccess.ReadOnly);
        Samples.Equal(image, readOnly.LoadImage());
    }

    [Fact]
    public void LoadImage_on_the_writer_sees_pending_changes()
    {
        using var tmp = new TempDir();
        using var state = StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen);
        var image = RichImage();
        Write(state.Changes, image);
        Samples.Equal(image, state.LoadImage());
    }

    [Fact]
    public void A_new_state_directory_loads_as_the_empty_image()
    {
        using var tmp = new TempDir();
        using var state = StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen);
        Samples.Equal(OverlayImage.Empty, state.LoadImage());
    }

    [Fact]
    public void PutInode_replaces_the_xattr_set_and_DropInode_takes_xattrs_along()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("s");
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
        {
            state.Changes.PutInode(Samples.Regular(10, xattrs: new Dictionary<string, byte[]> { ["user.a"] = [1], ["user.b"] = [2] }));
            state.Changes.PutInode(Samples.Regular(11, xattrs: new Dictionary<string, byte[]> { ["user.c"] = [3] }));
            state.Changes.Flush();
            state.Changes.PutInode(Samples.Regular(10, xattrs: new Dictionary<string, byte[]> { ["user.b"] = [9, 9] }));
            state.Changes.DropInode(11);
        }
        using var readOnly = StateDirectory.Open(dir, StateAccess.ReadOnly);
        var inode = Assert.Single(readOnly.LoadImage().Inodes);
        Samples.Equal(Samples.Regular(10, xattrs: new Dictionary<string, byte[]> { ["user.b"] = [9, 9] }), inode);
        Assert.Equal(0L, Sql.Scalar(dir, "SELECT count(*) FROM xattrs WHERE ino = 11"));
    }

    [Fact]
    public void Journal_rows_come_back_in_order_with_sequence_numbers_and_nanosecond_times()
    {
        using var tmp = new TempDir();
        using var state = StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen);
        var entries = Enumerable.Range(0, 5)
            .Select(i => Samples.Entry("openat", $"/f{i}", -i) with { Time = DateTimeOffset.UnixEpoch.AddTicks(17_000_000_000_000_000 + i), Path2 = i % 2 == 0 ? null : "/p2" })
            .ToList();
        foreach (var entry in entries)
            state.Changes.Journal(entry);

        var rows = state.Journal().ToList();
        Assert.Equal(entries, rows.Select(r => r.Entry));
        Assert.Equal(rows.Select(r => r.Seq).Order(), rows.Select(r => r.Seq));
        Assert.Equal(rows.Skip(2).Select(r => r.Entry), state.Journal(rows[1].Seq).Select(r => r.Entry));
        Assert.Empty(state.Journal(rows[^1].Seq));
    }
}
