// The overlay-only promise: whatever a program does through OverlayFileSystem, the lower layer (the host) is
// byte- and metadata-identical afterwards, and every change is in the upper layer, visible through OverlayFs's own
// API (open backings, listings, stat, readlink) exactly as the file system showed it.
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using Xunit;
using static UjailOverlay.FileSystem.Tests.Overlay.OverlayRig;

namespace UjailOverlay.FileSystem.Tests.Overlay;

public sealed class LowerLayerIsolationTests
{
    private readonly OverlayRig _rig = new();

    /// <summary>One of every kind of change the file system can make.</summary>
    private static void ChangeEverything(OverlayFileSystem fs)
    {
        fs.File.WriteAllText(P("docs/readme.txt"), "rewritten\n");
        fs.File.AppendAllText(P("docs/notes.md"), "appended\n");
        fs.File.WriteAllBytes(P("data/new.bin"), new byte[] { 1, 2, 3 });
        fs.File.Copy(P("src/main.cs"), P("src/main-copy.cs"));
        fs.File.Copy(P("src/util.cs"), P("src/README"), overwrite: true);
        fs.File.Move(P("src/lib/helper.cs"), P("docs/helper.cs"));
        fs.File.Delete(P("private.key"));
        fs.File.SetUnixFileMode(P("bin/run.sh"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        fs.File.SetAttributes(P("docs/sub/deep.txt"), FileAttributes.ReadOnly);
        fs.File.SetLastWriteTimeUtc(P("readonly.txt"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        fs.Directory.SetLastAccessTimeUtc(P("docs"), new DateTime(2002, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        fs.File.CreateSymbolicLink(P("new-link"), "docs");
        fs.File.Delete(P("link-to-readme"));
        fs.File.WriteAllText(P("dangling"), "target made through a dangling link");
        fs.Directory.CreateDirectory(P("made/deep/er"));
        fs.Directory.Move(P("data"), P("made/data"));
        fs.Directory.Delete(P("src"), recursive: true);
        fs.Directory.Move(P("bin"), P("binaries"));
        using (var stream = fs.File.Open(P("docs/sub/.hidden"), FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write("idden"u8);
        }
        using (var stream = fs.File.OpenWrite(P("made/data/new.bin"))) stream.WriteByte(9);
        fs.FileInfo.New(P("docs/notes.md")).IsReadOnly = true;
        fs.File.Replace(P("docs/helper.cs"), P("docs/notes.md"), P("docs/notes.bak"));
    }

    [Fact]
    public void Writes_through_the_file_system_never_change_the_lower_layer()
    {
        var before = _rig.LowerSnapshot();
        ChangeEverything(_rig.AsAlice());
        Assert.Equal(before, _rig.LowerSnapshot());
    }

    [Fact]
    public void Changes_are_visible_through_the_overlay_api()
    {
        ChangeEverything(_rig.AsAlice());

        Assert.Equal("rewritten\n", _rig.ReadThroughOverlay(P("docs/readme.txt"), out var backing));
        Assert.Equal(BackingKind.Upper, backing);
        Assert.Equal("# notes\nline two\nappended\n", _rig.ReadThroughOverlay(P("docs/notes.bak"), out _));
        Assert.Equal("class Helper {}", _rig.ReadThroughOverlay(P("docs/notes.md"), out _));
        Assert.Equal("target made through a dangling link", _rig.ReadThroughOverlay(P("missing-target"), out _));
        Assert.Equal("hidden", _rig.ReadThroughOverlay(P("docs/sub/.hidden"), out _));
        Assert.Equal("#!/bin/sh\necho hi\n", _rig.ReadThroughOverlay(P("binaries/run.sh"), out _));
        Assert.Equal(new byte[] { 9, 2, 3 }, _rig.Upper.Tree.Get("/home/alice/work/made/data/new.bin").Content);

        Assert.Equal(
            new[] { "abs-link", "binaries", "dangling", "docs", "link-to-src", "made", "missing-target", "new-link", "readonly.txt" },
            _rig.ListThroughOverlay(Root));
        Assert.Equal(new[] { "notes.bak", "notes.md", "readme.txt", "sub" }, _rig.ListThroughOverlay(P("docs")));
        Assert.Equal(new[] { "data", "deep" }, _rig.ListThroughOverlay(P("made")));
        Assert.Equal(new[] { "empty", "new.bin", "values.bin" }, _rig.ListThroughOverlay(P("made/data")));

        Assert.Equal(Errno.ENOENT, _rig.StatThroughOverlay(P("private.key"), out _));
        Assert.Equal(Errno.OK, _rig.Lower.Lstat(P("private.key"), out _)); // hidden by a whiteout, still on the host
        Assert.Equal(Errno.ENOENT, _rig.StatThroughOverlay(P("src"), out _));
        Assert.Equal(Errno.OK, _rig.StatThroughOverlay(P("binaries/run.sh"), out var run));
        Assert.Equal(0x140u, run.Permissions); // r-x------ as set
        Assert.Equal(Errno.OK, _rig.StatThroughOverlay(P("docs/sub/deep.txt"), out var deep));
        Assert.Equal(0x124u, deep.Permissions);
        Assert.Equal(Errno.OK, _rig.StatThroughOverlay(P("readonly.txt"), out var ro));
        Assert.Equal(new Timespec(978307200, 0), ro.Mtime);
        Assert.Equal(Errno.OK, _rig.Overlay.ReadLink(P("new-link"), OpContext.Root, out var target));
        Assert.Equal("docs", target);
        Assert.Equal(Errno.OK, _rig.Overlay.GetXattr(P("docs/readme.txt"), "user.origin", true, OpContext.Root, out var xattr));
        Assert.Equal("host", Encoding.UTF8.GetString(xattr)); // copy-up kept the host's xattrs
    }

    [Fact]
    public void Written_content_lands_in_the_upper_tree()
    {
        var fs = _rig.AsAlice();
        fs.File.WriteAllText(P("docs/readme.txt"), "upper");
        fs.Directory.CreateDirectory(P("fresh/dir"));
        fs.File.WriteAllText(P("fresh/dir/file"), "new");
        Assert.Equal("upper", _rig.Upper.ReadText("home/alice/work/docs/readme.txt"));
        Assert.Equal("new", _rig.Upper.ReadText("home/alice/work/fresh/dir/file"));
        Assert.Equal("read me\n", Encoding.UTF8.GetString(_rig.Lower.ContentOf(P("docs/readme.txt"))));
    }

    [Fact]
    public void Reading_does_not_copy_up()
    {
        var fs = _rig.AsAlice();
        Assert.Equal("read me\n", fs.File.ReadAllText(P("docs/readme.txt")));
        using (var stream = fs.File.Open(P("docs/notes.md"), FileMode.Open, FileAccess.Read)) stream.ReadByte();
        _ = fs.Directory.GetFiles(Root, "*", SearchOption.AllDirectories);
        _ = fs.FileInfo.New(P("src/main.cs")).Length;
        Assert.False(_rig.Upper.Exists("home"));
        Assert.Equal(1, _rig.Lower.Reads[P("docs/readme.txt")]);
        Assert.Equal("read me\n", _rig.ReadThroughOverlay(P("docs/readme.txt"), out var backing));
        Assert.Equal(BackingKind.Lower, backing);
    }

    [Fact]
    public void A_writable_open_copies_up_before_the_first_write()
    {
        var fs = _rig.AsAlice();
        using var stream = fs.File.Open(P("src/util.cs"), FileMode.Open, FileAccess.ReadWrite);
        Assert.True(_rig.Upper.Exists("home/alice/work/src/util.cs"));
        Assert.Equal("class Util {}", _rig.Upper.ReadText("home/alice/work/src/util.cs"));
    }

    [Fact]
    public void Another_file_system_over_the_same_overlay_sees_the_changes()
    {
        _rig.AsAlice().File.WriteAllText(P("shared.txt"), "from alice");
        var other = _rig.For(OpContext.Root, "/");
        Assert.Equal("from alice", other.File.ReadAllText(P("shared.txt")));
        Assert.Equal(1000u, _rig.StatThroughOverlay(P("shared.txt"), out var st) == Errno.OK ? st.Uid : 0);
    }
}
