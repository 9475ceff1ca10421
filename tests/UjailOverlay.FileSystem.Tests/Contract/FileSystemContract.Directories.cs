// Contract scenarios: creating, deleting and moving directories, existence checks and the current directory.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void CreateDirectory_creates_every_missing_level()
    {
        var info = Fs.Directory.CreateDirectory(P("a/b/c"));
        Assert.True(info.Exists);
        Assert.Equal("c", info.Name);
        Assert.Equal(P("a/b/c"), info.FullName);
        Assert.Equal(SeedTreeLines(add: new[] { "a/", "a/b/", "a/b/c/" }), Tree());
        Assert.Equal(NewDirectoryMode, Fs.File.GetUnixFileMode(P("a")));
        Assert.Equal(NewDirectoryMode, Fs.File.GetUnixFileMode(P("a/b/c")));
    }

    [Fact]
    public void CreateDirectory_of_an_existing_directory_is_fine()
    {
        Fs.Directory.CreateDirectory(P("docs"));
        Fs.Directory.CreateDirectory(P("docs/sub/"));
        Fs.Directory.CreateDirectory(P("link-to-src"));
        Assert.Equal(SeedTreeLines(), Tree());
    }

    [Fact]
    public void CreateDirectory_with_a_mode_uses_it()
    {
        Fs.Directory.CreateDirectory(P("private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal((UnixFileMode)0x1C0, Fs.File.GetUnixFileMode(P("private")));
    }

    [Fact]
    public void CreateDirectory_over_or_under_a_file_fails()
    {
        ExpectIo(EEXIST, () => Fs.Directory.CreateDirectory(P("readonly.txt")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.CreateDirectory(P("readonly.txt/x/y")));
    }

    [Fact]
    public void Delete_of_an_empty_directory_and_of_a_tree()
    {
        Fs.Directory.Delete(P("data/empty"));
        Fs.Directory.Delete(P("docs"), recursive: true);
        Assert.Equal(SeedTreeLines(remove: new[]
        {
            "data/empty/", "docs/", "docs/readme.txt = \"read me\\n\"", "docs/notes.md = \"# notes\\nline two\\n\"",
            "docs/sub/", "docs/sub/deep.txt = \"deep\"", "docs/sub/.hidden = \"h\"",
        }), Tree());
        // The link into the deleted tree now dangles: it still exists, its target does not.
        Assert.True(Fs.File.Exists(P("link-to-readme")));
        Expect<FileNotFoundException>(() => Fs.File.ReadAllText(P("link-to-readme")));
    }

    [Fact]
    public void Delete_errors_follow_dotnet_for_directories()
    {
        ExpectIo(ENOTEMPTY, () => Fs.Directory.Delete(P("docs")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.Delete(P("nodir")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.Delete(P("readonly.txt")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.Delete(P("dangling"), recursive: true));
    }

    [Fact]
    public void Recursive_delete_of_a_link_to_a_directory_removes_only_the_link()
    {
        Fs.Directory.Delete(P("link-to-src"), recursive: true);
        Assert.Equal(SeedTreeLines(remove: new[] { "link-to-src -> src" }), Tree());
    }

    [Fact]
    public void Recursive_delete_does_not_follow_links_inside_the_tree()
    {
        Fs.File.CreateSymbolicLink(P("data/to-docs"), "../docs");
        Fs.Directory.Delete(P("data"), recursive: true);
        Assert.Equal("read me\n", Fs.File.ReadAllText(P("docs/readme.txt")));
        Assert.False(Fs.Directory.Exists(P("data")));
    }

    [Fact]
    public void Directory_Move_renames_a_whole_tree()
    {
        Fs.Directory.Move(P("docs"), P("data/documents"));
        var expected = SeedTreeLines(
            remove: new[] { "docs/", "docs/readme.txt = \"read me\\n\"", "docs/notes.md = \"# notes\\nline two\\n\"", "docs/sub/", "docs/sub/deep.txt = \"deep\"", "docs/sub/.hidden = \"h\"" },
            add: new[] { "data/documents/", "data/documents/readme.txt = \"read me\\n\"", "data/documents/notes.md = \"# notes\\nline two\\n\"", "data/documents/sub/", "data/documents/sub/deep.txt = \"deep\"", "data/documents/sub/.hidden = \"h\"" });
        Assert.Equal(expected, Tree());
    }

    [Fact]
    public void Directory_Move_errors_follow_dotnet()
    {
        Expect<IOException>(() => Fs.Directory.Move(P("docs"), P("data/empty")));
        Expect<IOException>(() => Fs.Directory.Move(P("docs"), P("readonly.txt")));
        Expect<IOException>(() => Fs.Directory.Move(P("docs"), P("docs")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.Move(P("nodir"), P("x")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.Move(P("docs"), P("nodir/x")));
        ExpectIo(EINVAL, () => Fs.Directory.Move(P("docs"), P("docs/sub/inner")));
        Assert.Equal(SeedTreeLines(), Tree());
    }

    [Fact]
    public void Directory_Move_also_moves_a_file()
    {
        Fs.Directory.Move(P("readonly.txt"), P("data/readonly.txt"));
        Assert.Equal("locked", Fs.File.ReadAllText(P("data/readonly.txt")));
        Assert.False(Fs.File.Exists(P("readonly.txt")));
    }

    [Fact]
    public void Exists_distinguishes_files_directories_and_links()
    {
        Assert.True(Fs.File.Exists(P("docs/readme.txt")));
        Assert.False(Fs.File.Exists(P("docs")));
        Assert.True(Fs.Directory.Exists(P("docs")));
        Assert.False(Fs.Directory.Exists(P("docs/readme.txt")));
        Assert.True(Fs.File.Exists(P("link-to-readme")));
        Assert.False(Fs.File.Exists(P("link-to-src")));
        Assert.True(Fs.Directory.Exists(P("link-to-src")));
        Assert.True(Fs.File.Exists(P("dangling")));
        Assert.False(Fs.Directory.Exists(P("dangling")));
        Assert.False(Fs.File.Exists(P("docs/readme.txt/")));
        Assert.True(Fs.Directory.Exists(P("docs/")));
        Assert.False(Fs.File.Exists(P("missing")));
        Assert.False(Fs.File.Exists(null));
        Assert.False(Fs.File.Exists(""));
        Assert.False(Fs.Directory.Exists(P("readonly.txt/x")));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_current_directory()
    {
        Fs.Directory.SetCurrentDirectory(P("docs"));
        Assert.Equal(P("docs"), Fs.Directory.GetCurrentDirectory());
        Assert.Equal("read me\n", Fs.File.ReadAllText("readme.txt"));
        Assert.Equal("deep", Fs.File.ReadAllText("sub/../sub/deep.txt"));
        Fs.File.WriteAllText("../made-here.txt", "here");
        Assert.Equal("here", Fs.File.ReadAllText(P("made-here.txt")));
        Assert.Equal(new[] { "sub/deep.txt" }, Fs.Directory.GetFiles("sub", "deep*"));
        Assert.Equal(P("docs/x"), Fs.Path.GetFullPath("x"));
    }

    [Fact]
    public void SetCurrentDirectory_needs_an_existing_directory_and_resolves_links()
    {
        Expect<DirectoryNotFoundException>(() => Fs.Directory.SetCurrentDirectory(P("nodir")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.SetCurrentDirectory(P("readonly.txt")));
        Fs.Directory.SetCurrentDirectory(P("link-to-src"));
        Assert.Equal("src", Rel(Fs.Directory.GetCurrentDirectory()));
    }

    [Fact]
    public void GetParent_and_GetDirectoryRoot()
    {
        Assert.Equal(P("docs"), Fs.Directory.GetParent(P("docs/sub"))!.FullName);
        Assert.Null(Fs.Directory.GetParent("/"));
        Assert.Equal("/", Fs.Directory.GetDirectoryRoot(P("docs")));
    }
}
