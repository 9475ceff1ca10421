// Contract scenarios: listings with search patterns, recursion and enumeration options.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void GetFiles_lists_files_and_links_that_are_not_directories()
    {
        Assert.Equal(new[] { "abs-link", "dangling", "link-to-readme", "private.key", "readonly.txt" }, Rels(Fs.Directory.GetFiles(Root)));
    }

    [Fact]
    public void GetDirectories_counts_links_to_directories()
    {
        Assert.Equal(new[] { "bin", "data", "docs", "link-to-src", "src" }, Rels(Fs.Directory.GetDirectories(Root)));
    }

    [Fact]
    public void GetFileSystemEntries_lists_everything_once()
    {
        Assert.Equal(
            new[] { "abs-link", "bin", "dangling", "data", "docs", "link-to-readme", "link-to-src", "private.key", "readonly.txt", "src" },
            Rels(Fs.Directory.GetFileSystemEntries(Root)));
    }

    [Fact]
    public void A_pattern_with_all_directories_recurses_into_linked_directories_too()
    {
        Assert.Equal(
            new[] { "link-to-src/lib/helper.cs", "link-to-src/main.cs", "link-to-src/util.cs", "src/lib/helper.cs", "src/main.cs", "src/util.cs" },
            Rels(Fs.Directory.GetFiles(Root, "*.cs", SearchOption.AllDirectories)));
    }

    [Fact]
    public void GetDirectories_with_all_directories()
    {
        Assert.Equal(
            new[] { "bin", "data", "data/empty", "docs", "docs/sub", "link-to-src", "link-to-src/lib", "src", "src/lib" },
            Rels(Fs.Directory.GetDirectories(Root, "*", SearchOption.AllDirectories)));
    }

    [Fact]
    public void Win32_patterns_match_as_dotnet_matches_them()
    {
        Assert.Equal(new[] { "docs/notes.md", "docs/readme.txt" }, Rels(Fs.Directory.GetFiles(P("docs"), "*.*")));
        Assert.Equal(new[] { "src/README" }, Rels(Fs.Directory.GetFiles(P("src"), "README")));
        Assert.Empty(Fs.Directory.GetFiles(P("src"), "readme"));
        Assert.Equal(new[] { "src/main.cs" }, Rels(Fs.Directory.GetFiles(P("src"), "m?in.c*")));
        Assert.Equal(new[] { "docs/sub/deep.txt" }, Rels(Fs.Directory.GetFiles(P("docs"), "*.txt", SearchOption.AllDirectories).Where(p => p.Contains("sub"))));
        Assert.Equal(new[] { "docs/readme.txt", "docs/sub/deep.txt" }, Rels(Fs.Directory.EnumerateFiles(P("docs"), "*.txt", SearchOption.AllDirectories)));
    }

    [Fact]
    public void A_directory_part_in_the_pattern_moves_into_the_path()
    {
        Assert.Equal(new[] { "docs/notes.md" }, Rels(Fs.Directory.GetFiles(Root, "docs/*.md")));
        Assert.Equal(new[] { "docs/sub" }, Rels(Fs.Directory.GetDirectories(Root, "docs/s*")));
    }

    [Fact]
    public void Hidden_entries_are_listed_by_default_and_skipped_by_fresh_enumeration_options()
    {
        Assert.Equal(new[] { "docs/sub/.hidden", "docs/sub/deep.txt" }, Rels(Fs.Directory.GetFiles(P("docs/sub"))));
        Assert.Equal(new[] { "docs/sub/deep.txt" }, Rels(Fs.Directory.GetFiles(P("docs/sub"), "*", new EnumerationOptions())));
    }

    [Fact]
    public void Enumeration_options_control_case_depth_and_attributes()
    {
        Assert.Equal(new[] { "src/README" }, Rels(Fs.Directory.GetFiles(P("src"), "readme", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })));
        Assert.Equal(
            new[] { "docs/notes.md", "docs/readme.txt", "docs/sub", "docs/sub/.hidden", "docs/sub/deep.txt" },
            Rels(Fs.Directory.GetFileSystemEntries(P("docs"), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, MaxRecursionDepth = 1 })));
        Assert.Equal(new[] { "docs/notes.md", "docs/readme.txt" },
            Rels(Fs.Directory.GetFileSystemEntries(P("docs"), "*", new EnumerationOptions { AttributesToSkip = FileAttributes.Directory })));
        Assert.Equal(new[] { "private.key" },
            Rels(Fs.Directory.GetFiles(Root, "*", new EnumerationOptions { AttributesToSkip = FileAttributes.ReadOnly | FileAttributes.ReparsePoint })));
    }

    [Fact]
    public void Listings_keep_the_callers_spelling_of_the_directory()
    {
        Assert.Equal(new[] { P("docs/sub/.hidden"), P("docs/sub/deep.txt") }, Fs.Directory.GetFiles(P("docs/sub/")).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { P("docs/../src/lib") }, Fs.Directory.GetDirectories(P("docs/../src")));
    }

    [Fact]
    public void New_entries_show_up_and_deleted_ones_disappear()
    {
        Fs.File.WriteAllText(P("data/empty/new.txt"), "n");
        Fs.File.Delete(P("data/values.bin"));
        Assert.Equal(new[] { "data/empty", "data/empty/new.txt" }, Rels(Fs.Directory.EnumerateFileSystemEntries(P("data"), "*", SearchOption.AllDirectories)));
    }

    [Fact]
    public void Listing_something_that_is_not_a_directory_fails()
    {
        Expect<DirectoryNotFoundException>(() => Fs.Directory.GetFiles(P("nodir")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.EnumerateFiles(P("readonly.txt")));
        Expect<DirectoryNotFoundException>(() => Fs.Directory.GetDirectories(P("dangling")));
        Expect<ArgumentException>(() => Fs.Directory.GetFiles(Root, "/etc/*"));
    }

    [Fact]
    public void DirectoryInfo_enumeration_returns_typed_infos_with_full_names()
    {
        var infos = Fs.DirectoryInfo.New(P("docs")).GetFileSystemInfos("*", SearchOption.AllDirectories);
        Assert.Equal(new[] { "docs/notes.md", "docs/readme.txt", "docs/sub", "docs/sub/.hidden", "docs/sub/deep.txt" }, Rels(infos));
        Assert.All(infos, i => Assert.Equal(i.FullName.EndsWith("sub", StringComparison.Ordinal), i is System.IO.Abstractions.IDirectoryInfo));
        Assert.Equal(new[] { "src/lib/helper.cs" }, Rels(Fs.DirectoryInfo.New(P("src")).GetFiles("h*", SearchOption.AllDirectories)));
        Assert.Equal(new[] { "src/lib" }, Rels(Fs.DirectoryInfo.New(P("src")).EnumerateDirectories()));
    }
}
