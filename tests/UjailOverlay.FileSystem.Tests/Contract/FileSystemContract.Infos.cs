// Contract scenarios: FileInfo and DirectoryInfo — properties, caching until Refresh, and their operations.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void FileInfo_properties_of_a_seeded_file()
    {
        var info = Fs.FileInfo.New(P("docs/readme.txt"));
        Assert.True(info.Exists);
        Assert.Equal(8, info.Length);
        Assert.Equal("readme.txt", info.Name);
        Assert.Equal(".txt", info.Extension);
        Assert.Equal(P("docs"), info.DirectoryName);
        Assert.Equal(P("docs"), info.Directory!.FullName);
        Assert.False(info.IsReadOnly);
        Assert.Equal(FileAttributes.Normal, info.Attributes);
        Assert.Equal((UnixFileMode)0x1A4, ModeOf(info));
        Assert.Null(info.LinkTarget);
        Assert.Equal(P("docs/readme.txt"), info.ToString());
        Assert.True(Fs.FileInfo.New(P("readonly.txt")).IsReadOnly);
    }

    [Fact]
    public void FileInfo_of_a_missing_file()
    {
        var info = Fs.FileInfo.New(P("missing.txt"));
        Assert.False(info.Exists);
        Assert.Equal((FileAttributes)(-1), info.Attributes);
        Assert.Equal((UnixFileMode)(-1), ModeOf(info));
        Assert.Equal(DateTime.FromFileTimeUtc(0), info.LastWriteTimeUtc);
        Assert.Null(info.LinkTarget);
        Expect<FileNotFoundException>(() => _ = info.Length);
        Expect<FileNotFoundException>(() => _ = Fs.FileInfo.New(P("docs")).Length);
        Assert.False(Fs.FileInfo.New(P("docs")).Exists);
    }

    [Fact]
    public void FileInfo_keeps_what_it_read_until_Refresh()
    {
        var info = Fs.FileInfo.New(P("later.txt"));
        Assert.False(info.Exists);
        Fs.File.WriteAllText(P("later.txt"), "12345");
        Assert.False(info.Exists);
        info.Refresh();
        Assert.True(info.Exists);
        Assert.Equal(5, info.Length);
        Fs.File.AppendAllText(P("later.txt"), "678");
        Assert.Equal(5, info.Length);
        info.Refresh();
        Assert.Equal(8, info.Length);
    }

    [Fact]
    public void FileInfo_setters_change_the_file()
    {
        var info = Fs.FileInfo.New(P("src/main.cs"));
        info.LastWriteTimeUtc = Past;
        SetModeOf(info, (UnixFileMode)0x1C0);
        info.IsReadOnly = true;
        var fresh = Fs.FileInfo.New(P("src/main.cs"));
        Assert.Equal(Past, fresh.LastWriteTimeUtc);
        Assert.Equal((UnixFileMode)0x140, ModeOf(fresh)); // 0700 less every write bit
        Assert.True(fresh.IsReadOnly);
    }

    [Fact]
    public void FileInfo_MoveTo_repoints_the_info_and_CopyTo_returns_the_copy()
    {
        var info = Fs.FileInfo.New(P("src/main.cs"));
        var copy = info.CopyTo(P("src/copy.cs"));
        Assert.Equal(P("src/copy.cs"), copy.FullName);
        Assert.True(copy.Exists);
        info.MoveTo(P("docs/moved.cs"));
        Assert.Equal(P("docs/moved.cs"), info.FullName);
        Assert.Equal("moved.cs", info.Name);
        Assert.True(info.Exists);
        Assert.False(Fs.File.Exists(P("src/main.cs")));
        info.Delete();
        Assert.False(info.Exists);
    }

    [Fact]
    public void FileInfo_streams_and_text()
    {
        var info = Fs.FileInfo.New(P("info.txt"));
        using (var writer = info.CreateText()) writer.Write("abc");
        using (var writer = info.AppendText()) writer.Write("def");
        using (var reader = info.OpenText()) Assert.Equal("abcdef", reader.ReadToEnd());
        using (var stream = info.OpenRead()) Assert.Equal(6, stream.Length);
        using (var stream = info.Open(FileMode.Open, FileAccess.Write)) stream.WriteByte((byte)'X');
        Assert.Equal("Xbcdef", Fs.File.ReadAllText(P("info.txt")));
    }

    [Fact]
    public void DirectoryInfo_properties_and_navigation()
    {
        var info = Fs.DirectoryInfo.New(P("docs/sub/"));
        Assert.True(info.Exists);
        Assert.Equal("sub", info.Name);
        Assert.Equal(P("docs/sub/"), info.FullName);
        Assert.Equal(P("docs"), info.Parent!.FullName);
        Assert.Equal("/", info.Root.FullName);
        Assert.Equal(FileAttributes.Directory, info.Attributes);
        Assert.False(Fs.DirectoryInfo.New(P("readonly.txt")).Exists);
        Assert.Equal((FileAttributes)(-1), Fs.DirectoryInfo.New(P("missing")).Attributes);
    }

    [Fact]
    public void DirectoryInfo_create_subdirectories_move_and_delete()
    {
        var info = Fs.DirectoryInfo.New(P("made"));
        info.Create();
        Assert.True(info.Exists);
        var child = info.CreateSubdirectory("child/grandchild");
        Assert.Equal(P("made/child/grandchild"), child.FullName);
        Expect<ArgumentException>(() => info.CreateSubdirectory("../escape"));
        info.MoveTo(P("moved"));
        Assert.Equal(P("moved") + "/", info.FullName);
        Assert.True(Fs.Directory.Exists(P("moved/child/grandchild")));
        ExpectIo(ENOTEMPTY, () => info.Delete());
        info.Delete(recursive: true);
        Assert.False(Fs.Directory.Exists(P("moved")));
    }
}
