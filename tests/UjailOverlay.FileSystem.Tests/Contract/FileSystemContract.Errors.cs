// Contract scenarios: the exceptions for paths that cannot work (missing parts, non-directories in the middle,
// names that are too long, invalid arguments).
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void A_missing_file_is_FileNotFound_and_a_missing_directory_DirectoryNotFound()
    {
        Expect<FileNotFoundException>(() => Fs.File.ReadAllText(P("docs/missing.txt")));
        Expect<DirectoryNotFoundException>(() => Fs.File.ReadAllText(P("nodir/missing.txt")));
        Expect<DirectoryNotFoundException>(() => Fs.File.WriteAllText(P("nodir/new.txt"), "x"));
        Expect<FileNotFoundException>(() => Fs.File.ReadLines(P("docs/missing.txt")));
    }

    [Fact]
    public void A_file_in_the_middle_of_a_path_is_DirectoryNotFound()
    {
        Expect<DirectoryNotFoundException>(() => Fs.File.ReadAllText(P("readonly.txt/inner")));
        Expect<DirectoryNotFoundException>(() => Fs.File.WriteAllText(P("readonly.txt/inner"), "x"));
        Assert.False(Fs.File.Exists(P("readonly.txt/inner")));
    }

    [Fact]
    public void A_name_longer_than_NAME_MAX_is_PathTooLong()
    {
        var name = new string('n', 300);
        Expect<PathTooLongException>(() => Fs.File.WriteAllText(P(name), "x"));
        Expect<PathTooLongException>(() => Fs.File.ReadAllText(P(name)));
        Expect<PathTooLongException>(() => Fs.Directory.CreateDirectory(P(name)));
        Assert.False(Fs.File.Exists(P(name)));
    }

    [Fact]
    public void Null_and_empty_paths_are_argument_errors()
    {
        Expect<ArgumentNullException>(() => Fs.File.ReadAllText(null!));
        Expect<ArgumentException>(() => Fs.File.ReadAllText(""));
        Expect<ArgumentException>(() => Fs.Directory.CreateDirectory(""));
        Expect<ArgumentNullException>(() => Fs.File.Delete(null!));
        Expect<ArgumentException>(() => Fs.File.Copy("", P("x")));
    }

    [Fact]
    public void Writes_that_fail_leave_the_tree_unchanged()
    {
        Assert.ThrowsAny<IOException>(() => Fs.File.Copy(P("src/main.cs"), P("src/util.cs")));
        Assert.ThrowsAny<IOException>(() => Fs.File.Move(P("src/main.cs"), P("docs")));
        Assert.ThrowsAny<IOException>(() => Fs.Directory.Delete(P("docs")));
        Assert.ThrowsAny<IOException>(() => Fs.Directory.Move(P("src"), P("docs")));
        Assert.Equal(SeedTreeLines(), Tree());
    }
}
