// Contract scenarios: symbolic links — creation, reading through them, resolution and dangling links.
using System.IO.Abstractions;
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void CreateSymbolicLink_makes_a_link_that_reads_as_its_target()
    {
        var link = Fs.File.CreateSymbolicLink(P("docs/notes-link"), "notes.md");
        Assert.Equal("notes.md", link.LinkTarget);
        Assert.True(link.Exists);
        Assert.Equal("# notes\nline two\n", Fs.File.ReadAllText(P("docs/notes-link")));
        Assert.Equal(FileAttributes.ReparsePoint, Fs.File.GetAttributes(P("docs/notes-link")));
        Assert.Equal((UnixFileMode)0x1A4, Fs.File.GetUnixFileMode(P("docs/notes-link")));
    }

    [Fact]
    public void Writing_through_a_link_changes_the_target()
    {
        Fs.File.AppendAllText(P("link-to-readme"), "more\n");
        Assert.Equal("read me\nmore\n", Fs.File.ReadAllText(P("docs/readme.txt")));
        Assert.Equal("docs/readme.txt", Fs.FileInfo.New(P("link-to-readme")).LinkTarget);
    }

    [Fact]
    public void Writing_through_a_dangling_link_creates_its_target()
    {
        Fs.File.WriteAllText(P("dangling"), "now here");
        Assert.Equal("now here", Fs.File.ReadAllText(P("missing-target")));
        Assert.Equal("missing-target", Fs.FileInfo.New(P("dangling")).LinkTarget);
    }

    [Fact]
    public void A_dangling_link_exists_but_has_no_mode_or_content()
    {
        var info = Fs.FileInfo.New(P("dangling"));
        Assert.True(info.Exists);
        Assert.Equal("missing-target".Length, info.Length);
        Assert.Equal(FileAttributes.ReparsePoint, info.Attributes);
        Assert.Equal((UnixFileMode)(-1), ModeOf(info));
        Expect<FileNotFoundException>(() => Fs.File.GetUnixFileMode(P("dangling")));
        Expect<FileNotFoundException>(() => Fs.File.ReadAllText(P("dangling")));
    }

    [Fact]
    public void ResolveLinkTarget_reads_one_link_or_the_whole_chain()
    {
        Fs.File.CreateSymbolicLink(P("chain"), "link-to-readme");
        Assert.Equal(P("link-to-readme"), Fs.File.ResolveLinkTarget(P("chain"), returnFinalTarget: false)!.FullName);
        Assert.Equal(P("docs/readme.txt"), Fs.File.ResolveLinkTarget(P("chain"), returnFinalTarget: true)!.FullName);
        Assert.Equal(P("missing-target"), Fs.File.ResolveLinkTarget(P("dangling"), returnFinalTarget: true)!.FullName);
        Assert.Equal("/nonexistent/abs", Fs.File.ResolveLinkTarget(P("abs-link"), returnFinalTarget: false)!.FullName);
        Assert.Null(Fs.File.ResolveLinkTarget(P("docs/readme.txt"), returnFinalTarget: false));
        Expect<FileNotFoundException>(() => Fs.File.ResolveLinkTarget(P("missing"), returnFinalTarget: false));
    }

    [Fact]
    public void Directory_links_are_directories_with_a_reparse_point()
    {
        var link = Fs.Directory.CreateSymbolicLink(P("docs-link"), P("docs"));
        Assert.IsAssignableFrom<IDirectoryInfo>(link);
        Assert.True(Fs.Directory.Exists(P("docs-link")));
        Assert.Equal(FileAttributes.Directory | FileAttributes.ReparsePoint, Fs.File.GetAttributes(P("docs-link")));
        Assert.Equal(new[] { "docs-link/sub/deep.txt" }, Rels(Fs.Directory.GetFiles(P("docs-link/sub"), "d*")));
        var resolved = Fs.Directory.ResolveLinkTarget(P("docs-link"), returnFinalTarget: false);
        Assert.IsAssignableFrom<IDirectoryInfo>(resolved);
        Assert.Equal(P("docs"), resolved!.FullName);
    }

    [Fact]
    public void A_link_cannot_replace_an_existing_name()
    {
        ExpectIo(EEXIST, () => Fs.File.CreateSymbolicLink(P("readonly.txt"), "docs"));
        ExpectIo(EEXIST, () => Fs.Directory.CreateSymbolicLink(P("docs"), "src"));
        Expect<DirectoryNotFoundException>(() => Fs.File.CreateSymbolicLink(P("nodir/link"), "x"));
    }

    [Fact]
    public void CreateAsSymbolicLink_turns_a_missing_info_into_a_link()
    {
        var info = Fs.FileInfo.New(P("later-link"));
        Assert.False(info.Exists);
        info.CreateAsSymbolicLink("src/util.cs");
        Assert.True(info.Exists);
        Assert.Equal("src/util.cs", info.LinkTarget);
        Assert.Equal("class Util {}", Fs.File.ReadAllText(P("later-link")));
        Assert.Equal("src/util.cs".Length, Fs.FileInfo.New(P("later-link")).Length); // a link's length is its target text's
    }
}
