// Contract scenarios: copying, moving, replacing and deleting files, and the errors of each.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    private static readonly DateTime Past = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    [Fact]
    public void Copy_to_a_new_name_keeps_content_mode_and_write_time()
    {
        Fs.File.SetLastWriteTimeUtc(P("bin/run.sh"), Past);
        Fs.File.Copy(P("bin/run.sh"), P("bin/run2.sh"));
        Assert.Equal("#!/bin/sh\necho hi\n", Fs.File.ReadAllText(P("bin/run2.sh")));
        Assert.Equal((UnixFileMode)0x1ED, Fs.File.GetUnixFileMode(P("bin/run2.sh")));
        Assert.Equal(Past, Fs.File.GetLastWriteTimeUtc(P("bin/run2.sh")));
        Assert.True(Fs.File.Exists(P("bin/run.sh")));
    }

    [Fact]
    public void Copy_onto_an_existing_file_needs_overwrite()
    {
        ExpectIo(EEXIST, () => Fs.File.Copy(P("src/main.cs"), P("src/util.cs")));
        Assert.Equal("class Util {}", Fs.File.ReadAllText(P("src/util.cs")));
        Fs.File.Copy(P("src/main.cs"), P("src/util.cs"), overwrite: true);
        Assert.Equal("class Main {}", Fs.File.ReadAllText(P("src/util.cs")));
    }

    [Fact]
    public void Copy_errors_name_the_missing_part()
    {
        Expect<FileNotFoundException>(() => Fs.File.Copy(P("src/none.cs"), P("src/x.cs")));
        Expect<DirectoryNotFoundException>(() => Fs.File.Copy(P("src/main.cs"), P("nodir/x.cs")));
        Expect<DirectoryNotFoundException>(() => Fs.File.Copy(P("nodir/a.cs"), P("src/x.cs")));
    }

    [Fact]
    public void Copy_involving_directories_fails_like_dotnet()
    {
        Assert.Equal(typeof(IOException), Assert.ThrowsAny<IOException>(() => Fs.File.Copy(P("src/main.cs"), P("docs"))).GetType());
        Expect<UnauthorizedAccessException>(() => Fs.File.Copy(P("src/main.cs"), P("docs"), overwrite: true));
        Expect<UnauthorizedAccessException>(() => Fs.File.Copy(P("docs"), P("copy-of-docs")));
    }

    [Fact]
    public void Copy_through_a_link_copies_the_target_content()
    {
        Fs.File.Copy(P("link-to-readme"), P("readme-copy"));
        Assert.Equal(FileAttributes.Normal, Fs.File.GetAttributes(P("readme-copy")));
        Assert.Equal("read me\n", Fs.File.ReadAllText(P("readme-copy")));
        Expect<FileNotFoundException>(() => Fs.File.Copy(P("dangling"), P("dangling-copy")));
    }

    [Fact]
    public void Move_renames_a_file_across_directories()
    {
        Fs.File.Move(P("src/main.cs"), P("docs/main.cs"));
        Assert.Equal(SeedTreeLines(remove: new[] { "src/main.cs = \"class Main {}\"" }, add: new[] { "docs/main.cs = \"class Main {}\"" }), Tree());
    }

    [Fact]
    public void Move_onto_an_existing_file_needs_overwrite()
    {
        ExpectIo(EEXIST, () => Fs.File.Move(P("src/main.cs"), P("src/util.cs")));
        Fs.File.Move(P("src/main.cs"), P("src/util.cs"), overwrite: true);
        Assert.False(Fs.File.Exists(P("src/main.cs")));
        Assert.Equal("class Main {}", Fs.File.ReadAllText(P("src/util.cs")));
    }

    [Fact]
    public void Move_errors_follow_dotnet()
    {
        Expect<FileNotFoundException>(() => Fs.File.Move(P("src/none.cs"), P("src/x.cs")));
        Expect<DirectoryNotFoundException>(() => Fs.File.Move(P("src/main.cs"), P("nodir/x.cs")));
        Expect<FileNotFoundException>(() => Fs.File.Move(P("docs"), P("moved-docs")));
        ExpectIo(EEXIST, () => Fs.File.Move(P("src/main.cs"), P("docs")));
        ExpectIo(EISDIR, () => Fs.File.Move(P("src/main.cs"), P("docs"), overwrite: true));
    }

    [Fact]
    public void Move_of_a_link_moves_the_link_not_its_target()
    {
        Fs.File.Move(P("link-to-readme"), P("docs/link"));
        Assert.Equal("docs/readme.txt", Fs.FileInfo.New(P("docs/link")).LinkTarget);
        Assert.True(Fs.File.Exists(P("docs/readme.txt")));
    }

    [Fact]
    public void Delete_removes_a_file_and_ignores_a_missing_one()
    {
        Fs.File.Delete(P("docs/notes.md"));
        Fs.File.Delete(P("docs/notes.md"));
        Fs.File.Delete(P("never-there"));
        Assert.Equal(SeedTreeLines(remove: new[] { "docs/notes.md = \"# notes\\nline two\\n\"" }), Tree());
    }

    [Fact]
    public void Delete_errors_follow_dotnet()
    {
        Expect<DirectoryNotFoundException>(() => Fs.File.Delete(P("nodir/file")));
        Expect<UnauthorizedAccessException>(() => Fs.File.Delete(P("docs")));
        Assert.True(Fs.Directory.Exists(P("docs")));
    }

    [Fact]
    public void Delete_of_links_removes_only_the_link()
    {
        Fs.File.Delete(P("link-to-readme"));
        Fs.File.Delete(P("dangling"));
        Fs.File.Delete(P("link-to-src"));
        Assert.Equal(SeedTreeLines(remove: new[] { "link-to-readme -> docs/readme.txt", "dangling -> missing-target", "link-to-src -> src" }), Tree());
    }

    [Fact]
    public void Replace_moves_the_source_over_the_destination_keeping_a_backup()
    {
        Fs.File.Replace(P("src/main.cs"), P("src/util.cs"), P("src/util.bak"));
        Assert.False(Fs.File.Exists(P("src/main.cs")));
        Assert.Equal("class Main {}", Fs.File.ReadAllText(P("src/util.cs")));
        Assert.Equal("class Util {}", Fs.File.ReadAllText(P("src/util.bak")));
        Expect<UnauthorizedAccessException>(() => Fs.File.Replace(P("docs"), P("src/util.cs"), null));
        Expect<FileNotFoundException>(() => Fs.File.Replace(P("src/none.cs"), P("src/util.cs"), null));
    }
}
