// What is particular to OverlayFileSystem beyond the contract: its own current directory (never the process's),
// Path members that consult the file system asking the overlay, temp files made in the overlay, whiteouts and
// opaque directories seen through System.IO-shaped calls, and read-write streams written back on close.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.FileSystem.Tests.Kit;
using Xunit;
using static UjailOverlay.FileSystem.Tests.Overlay.OverlayRig;

namespace UjailOverlay.FileSystem.Tests.Overlay;

[Collection(ProcessDirectoryCollection.Name)]
public sealed class OverlayFileSystemTests
{
    private readonly OverlayRig _rig = new();

    [Fact]
    public void The_current_directory_is_the_file_systems_own()
    {
        var processDirectory = Environment.CurrentDirectory;
        var fs = _rig.AsAlice();
        Assert.Equal(Root, fs.Directory.GetCurrentDirectory());
        Assert.Equal("read me\n", fs.File.ReadAllText("docs/readme.txt"));
        fs.Directory.SetCurrentDirectory("/etc");
        Assert.Equal("/etc", fs.Directory.GetCurrentDirectory());
        Assert.Equal("host\n", fs.File.ReadAllText("hostname"));
        Assert.Equal(processDirectory, Environment.CurrentDirectory);
        Assert.Equal(Root, _rig.AsAlice().Directory.GetCurrentDirectory());
    }

    [Fact]
    public void The_constructor_wants_an_absolute_current_directory()
    {
        Assert.Throws<ArgumentException>(() => new OverlayFileSystem(_rig.Overlay, Alice, "relative/dir"));
        Assert.Equal("/etc", new OverlayFileSystem(_rig.Overlay, Alice, "/etc/").Directory.GetCurrentDirectory());
        Assert.Equal("/", new OverlayFileSystem(_rig.Overlay, Alice).Directory.GetCurrentDirectory());
    }

    [Fact]
    public void Path_members_that_touch_the_file_system_ask_the_overlay()
    {
        var fs = _rig.AsAlice();
        Assert.Equal(P("docs/x.txt"), fs.Path.GetFullPath("docs/x.txt"));
        Assert.True(fs.Path.Exists(P("docs/readme.txt")));
        Assert.True(fs.Path.Exists("docs"));
        Assert.False(fs.Path.Exists(typeof(OverlayFileSystemTests).Assembly.Location)); // on the host only
        Assert.Equal(Path.Combine("a", "b"), fs.Path.Combine("a", "b"));
        Assert.Equal(".txt", fs.Path.GetExtension("x.txt"));
        Assert.Equal('/', fs.Path.DirectorySeparatorChar);
    }

    [Fact]
    public void Temp_files_and_directories_are_made_in_the_overlay()
    {
        var fs = _rig.AsAlice();
#pragma warning disable CS0618 // obsolete for its insecurity on a shared /tmp; still part of IPath, so tested
        var file = fs.Path.GetTempFileName();
#pragma warning restore CS0618
        Assert.StartsWith(Path.GetTempPath(), file);
        Assert.True(fs.File.Exists(file));
        Assert.False(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fs.File.GetUnixFileMode(file));
        var dir = fs.Directory.CreateTempSubdirectory("job-");
        Assert.StartsWith(Path.Join(Path.GetTempPath(), "job-"), dir.FullName);
        Assert.True(dir.Exists);
        Assert.False(Directory.Exists(dir.FullName));
        Assert.Equal((UnixFileMode)0x1C0, fs.File.GetUnixFileMode(dir.FullName));
    }

    [Fact]
    public void A_directory_made_where_a_deleted_lower_one_was_starts_empty()
    {
        var fs = _rig.AsAlice();
        fs.Directory.Delete(P("docs"), recursive: true);
        fs.Directory.CreateDirectory(P("docs"));
        Assert.Empty(fs.Directory.GetFileSystemEntries(P("docs")));
        Assert.Equal(Errno.OK, _rig.Lower.Lstat(P("docs/readme.txt"), out _));
        fs.File.WriteAllText(P("docs/readme.txt"), "again");
        Assert.Equal(new[] { P("docs/readme.txt") }, fs.Directory.GetFiles(P("docs")));
    }

    [Fact]
    public void A_renamed_lower_directory_keeps_its_lower_entries()
    {
        var fs = _rig.AsAlice();
        fs.Directory.Move(P("docs"), P("documents"));
        Assert.Equal(
            new[] { "documents/notes.md", "documents/readme.txt", "documents/sub/.hidden", "documents/sub/deep.txt" },
            fs.Directory.GetFiles(P("documents"), "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p)).Order(StringComparer.Ordinal));
        Assert.False(fs.Directory.Exists(P("docs")));
    }

    [Fact]
    public void A_read_write_stream_is_written_back_when_flushed_and_closed()
    {
        var fs = _rig.AsAlice();
        using (var stream = fs.File.Open(P("docs/readme.txt"), FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Write("READ"u8);
            stream.Flush();
            Assert.Equal("READ me\n", _rig.Upper.ReadText("home/alice/work/docs/readme.txt"));
            stream.Seek(0, SeekOrigin.End);
            stream.Write("!"u8);
        }
        Assert.Equal("READ me\n!", fs.File.ReadAllText(P("docs/readme.txt")));
    }

    [Fact]
    public void Files_created_by_the_caller_belong_to_the_caller()
    {
        var fs = _rig.For(new OpContext(Credentials.User(1000, 1000), 0x3F)); // umask 077
        fs.File.WriteAllText(P("mine.txt"), "x");
        fs.Directory.CreateDirectory(P("mine.d"));
        Assert.Equal(Errno.OK, _rig.StatThroughOverlay(P("mine.txt"), out var file));
        Assert.Equal((1000u, 1000u, 0x180u), (file.Uid, file.Gid, file.Permissions));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, fs.File.GetUnixFileMode(P("mine.d")));
    }

    [Fact]
    public void File_systems_over_one_overlay_see_each_others_writes_immediately()
    {
        var a = _rig.AsAlice();
        var b = _rig.AsAlice();
        using (var writer = a.File.CreateText(P("log.txt"))) writer.Write("one");
        Assert.Equal("one", b.File.ReadAllText(P("log.txt")));
        b.File.Delete(P("log.txt"));
        Assert.False(a.File.Exists(P("log.txt")));
    }
}
