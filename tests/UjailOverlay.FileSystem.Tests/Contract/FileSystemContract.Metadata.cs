// Contract scenarios: unix modes, attributes (ReadOnly, Hidden, Directory, ReparsePoint) and times.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    private static readonly DateTime Stamp = new DateTime(2020, 5, 17, 8, 9, 10, DateTimeKind.Utc).AddTicks(1234567);

    [Fact]
    public void Unix_modes_of_seeded_objects()
    {
        Assert.Equal((UnixFileMode)0x1A4, Fs.File.GetUnixFileMode(P("docs/readme.txt")));
        Assert.Equal((UnixFileMode)0x1ED, Fs.File.GetUnixFileMode(P("bin/run.sh")));
        Assert.Equal((UnixFileMode)0x124, Fs.File.GetUnixFileMode(P("readonly.txt")));
        Assert.Equal((UnixFileMode)0x180, Fs.File.GetUnixFileMode(P("private.key")));
        Assert.Equal((UnixFileMode)0x1ED, Fs.File.GetUnixFileMode(P("docs")));
        Assert.Equal((UnixFileMode)0x1ED, ModeOf(Fs.DirectoryInfo.New(P("link-to-src"))));
    }

    [Fact]
    public void SetUnixFileMode_changes_files_directories_and_link_targets()
    {
        Fs.File.SetUnixFileMode(P("docs/readme.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.SetUser);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.SetUser, Fs.File.GetUnixFileMode(P("docs/readme.txt")));
        Fs.File.SetUnixFileMode(P("data/empty"), (UnixFileMode)0x3FF);
        Assert.Equal((UnixFileMode)0x3FF, Fs.File.GetUnixFileMode(P("data/empty")));
        Fs.File.SetUnixFileMode(P("link-to-readme"), UnixFileMode.UserRead);
        Assert.Equal(UnixFileMode.UserRead, Fs.File.GetUnixFileMode(P("docs/readme.txt")));
        Expect<FileNotFoundException>(() => Fs.File.SetUnixFileMode(P("missing"), UnixFileMode.UserRead));
        Expect<ArgumentException>(() => Fs.File.SetUnixFileMode(P("docs/notes.md"), (UnixFileMode)0x1000));
    }

    [Fact]
    public void Attributes_follow_dotnets_unix_derivation()
    {
        Assert.Equal(FileAttributes.Normal, Fs.File.GetAttributes(P("docs/readme.txt")));
        Assert.Equal(FileAttributes.Directory, Fs.File.GetAttributes(P("docs")));
        Assert.Equal(FileAttributes.Hidden, Fs.File.GetAttributes(P("docs/sub/.hidden")));
        Assert.Equal(FileAttributes.ReadOnly, Fs.File.GetAttributes(P("readonly.txt")));
        Assert.Equal(FileAttributes.ReparsePoint, Fs.File.GetAttributes(P("link-to-readme")));
        Assert.Equal(FileAttributes.Directory | FileAttributes.ReparsePoint, Fs.File.GetAttributes(P("link-to-src")));
        Assert.Equal(FileAttributes.ReparsePoint, Fs.File.GetAttributes(P("dangling")));
        Expect<FileNotFoundException>(() => Fs.File.GetAttributes(P("missing")));
        Expect<DirectoryNotFoundException>(() => Fs.File.GetAttributes(P("nodir/missing")));
    }

    [Fact]
    public void SetAttributes_ReadOnly_removes_write_bits_and_clearing_it_restores_the_owners()
    {
        Fs.File.SetUnixFileMode(P("docs/notes.md"), (UnixFileMode)0x1B6); // 0666
        Fs.File.SetAttributes(P("docs/notes.md"), FileAttributes.ReadOnly);
        Assert.Equal((UnixFileMode)0x124, Fs.File.GetUnixFileMode(P("docs/notes.md")));
        Assert.Equal(FileAttributes.ReadOnly, Fs.File.GetAttributes(P("docs/notes.md")));
        Fs.File.SetAttributes(P("docs/notes.md"), FileAttributes.Normal);
        Assert.Equal((UnixFileMode)0x1A4, Fs.File.GetUnixFileMode(P("docs/notes.md")));
        Fs.File.SetAttributes(P("docs/notes.md"), FileAttributes.Hidden | FileAttributes.Archive);
        Assert.Equal((UnixFileMode)0x1A4, Fs.File.GetUnixFileMode(P("docs/notes.md")));
        Expect<FileNotFoundException>(() => Fs.File.SetAttributes(P("missing"), FileAttributes.Normal));
        Expect<ArgumentException>(() => Fs.File.SetAttributes(P("docs/notes.md"), (FileAttributes)0x40000000));
    }

    [Fact]
    public void Last_write_time_round_trips_to_the_tick_for_files_and_directories()
    {
        Fs.File.SetLastWriteTimeUtc(P("docs/readme.txt"), Stamp);
        Assert.Equal(Stamp, Fs.File.GetLastWriteTimeUtc(P("docs/readme.txt")));
        Assert.Equal(DateTimeKind.Utc, Fs.File.GetLastWriteTimeUtc(P("docs/readme.txt")).Kind);
        Assert.Equal(Stamp.ToLocalTime(), Fs.File.GetLastWriteTime(P("docs/readme.txt")));
        Fs.Directory.SetLastWriteTimeUtc(P("docs/sub"), Stamp);
        Assert.Equal(Stamp, Fs.Directory.GetLastWriteTimeUtc(P("docs/sub")));
        Assert.Equal(Stamp, Fs.DirectoryInfo.New(P("docs/sub")).LastWriteTimeUtc);
    }

    [Fact]
    public void Last_access_time_round_trips_and_leaves_the_write_time()
    {
        Fs.File.SetLastWriteTimeUtc(P("src/main.cs"), Past);
        Fs.File.SetLastAccessTimeUtc(P("src/main.cs"), Stamp);
        Assert.Equal(Stamp, Fs.File.GetLastAccessTimeUtc(P("src/main.cs")));
        Assert.Equal(Past, Fs.File.GetLastWriteTimeUtc(P("src/main.cs")));
    }

    [Fact]
    public void An_unspecified_kind_is_utc_for_the_utc_setters()
    {
        var unspecified = DateTime.SpecifyKind(Stamp, DateTimeKind.Unspecified);
        Fs.File.SetLastWriteTimeUtc(P("src/util.cs"), unspecified);
        Assert.Equal(Stamp, Fs.File.GetLastWriteTimeUtc(P("src/util.cs")));
        Fs.File.SetLastWriteTime(P("src/util.cs"), Stamp.ToLocalTime());
        Assert.Equal(Stamp, Fs.File.GetLastWriteTimeUtc(P("src/util.cs")));
    }

    [Fact]
    public void Creation_time_cannot_be_kept_on_linux_so_setting_it_sets_the_write_time()
    {
        Fs.File.SetCreationTimeUtc(P("src/util.cs"), Past);
        Assert.Equal(Past, Fs.File.GetLastWriteTimeUtc(P("src/util.cs")));
        Assert.Equal(Past, Fs.File.GetCreationTimeUtc(P("src/util.cs")));
    }

    [Fact]
    public void Times_of_a_missing_file_read_as_1601_and_cannot_be_set()
    {
        var epoch = DateTime.FromFileTimeUtc(0);
        Assert.Equal(epoch, Fs.File.GetLastWriteTimeUtc(P("missing")));
        Assert.Equal(epoch, Fs.File.GetLastAccessTimeUtc(P("missing")));
        Assert.Equal(epoch, Fs.File.GetCreationTimeUtc(P("missing")));
        Expect<FileNotFoundException>(() => Fs.File.SetLastWriteTimeUtc(P("missing"), Stamp));
        Expect<FileNotFoundException>(() => Fs.Directory.SetLastWriteTimeUtc(P("missing"), Stamp));
        Expect<DirectoryNotFoundException>(() => Fs.File.SetLastAccessTimeUtc(P("nodir/missing"), Stamp));
    }

    [Fact]
    public void Times_before_1970_round_trip()
    {
        var old = new DateTime(1965, 7, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(5);
        Fs.File.SetLastWriteTimeUtc(P("docs/notes.md"), old);
        Assert.Equal(old, Fs.File.GetLastWriteTimeUtc(P("docs/notes.md")));
    }
}
