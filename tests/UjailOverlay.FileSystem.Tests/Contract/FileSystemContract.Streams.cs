// Contract scenarios: streams opened with the FileMode and FileAccess combinations programs use.
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void File_Create_truncates_and_the_stream_reads_what_it_wrote()
    {
        using (var stream = Fs.File.Create(P("docs/readme.txt")))
        {
            Assert.True(stream.CanRead && stream.CanWrite && stream.CanSeek);
            Assert.Equal(0, stream.Length);
            stream.Write(Utf8("new content"));
            stream.Position = 4;
            var buffer = new byte[7];
            Assert.Equal(7, stream.Read(buffer));
            Assert.Equal("content", System.Text.Encoding.ASCII.GetString(buffer));
        }
        Assert.Equal("new content", Fs.File.ReadAllText(P("docs/readme.txt")));
    }

    [Fact]
    public void OpenRead_gives_a_read_only_stream_named_by_full_path()
    {
        using var stream = Fs.File.OpenRead(P("docs/readme.txt"));
        Assert.True(stream.CanRead);
        Assert.False(stream.CanWrite);
        Assert.Equal(8, stream.Length);
        Assert.Equal(P("docs/readme.txt"), stream.Name);
        Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
    }

    [Fact]
    public void OpenWrite_overwrites_from_the_start_without_truncating()
    {
        using (var stream = Fs.File.OpenWrite(P("docs/readme.txt")))
        {
            Assert.False(stream.CanRead);
            stream.Write(Utf8("XY"));
        }
        Assert.Equal("XYad me\n", Fs.File.ReadAllText(P("docs/readme.txt")));
    }

    [Fact]
    public void Append_mode_starts_at_the_end_and_refuses_to_seek_back()
    {
        using (var stream = Fs.File.Open(P("docs/sub/deep.txt"), FileMode.Append))
        {
            Assert.Equal(4, stream.Position);
            Assert.False(stream.CanRead);
            stream.Write(Utf8("er"));
            Assert.Throws<IOException>(() => stream.Seek(0, SeekOrigin.Begin));
        }
        Assert.Equal("deeper", Fs.File.ReadAllText(P("docs/sub/deep.txt")));
    }

    [Fact]
    public void ReadWrite_stream_reads_then_overwrites_in_place()
    {
        using (var stream = Fs.File.Open(P("src/main.cs"), FileMode.Open, FileAccess.ReadWrite))
        {
            var buffer = new byte[5];
            Assert.Equal(5, stream.Read(buffer));
            Assert.Equal("class", System.Text.Encoding.ASCII.GetString(buffer));
            stream.Write(Utf8("-MAIN"));
            stream.SetLength(10);
        }
        Assert.Equal("class-MAIN", Fs.File.ReadAllText(P("src/main.cs")));
    }

    [Fact]
    public void FileMode_Truncate_empties_an_existing_file_and_needs_one()
    {
        using (Fs.File.Open(P("src/util.cs"), FileMode.Truncate, FileAccess.Write))
        {
        }
        Assert.Equal("", Fs.File.ReadAllText(P("src/util.cs")));
        Expect<FileNotFoundException>(() => Fs.File.Open(P("src/none.cs"), FileMode.Truncate, FileAccess.Write));
    }

    [Fact]
    public void FileMode_CreateNew_refuses_an_existing_file()
    {
        ExpectIo(EEXIST, () => Fs.File.Open(P("src/util.cs"), FileMode.CreateNew));
        using (var stream = Fs.File.Open(P("src/new.cs"), FileMode.CreateNew)) stream.WriteByte((byte)'n');
        Assert.Equal("n", Fs.File.ReadAllText(P("src/new.cs")));
    }

    [Fact]
    public void OpenOrCreate_keeps_existing_content_and_creates_missing_files()
    {
        using (var stream = Fs.File.Open(P("src/util.cs"), FileMode.OpenOrCreate, FileAccess.Read))
            Assert.Equal(13, stream.Length);
        using (Fs.File.Open(P("src/made.cs"), FileMode.OpenOrCreate, FileAccess.Write))
        {
        }
        Assert.True(Fs.File.Exists(P("src/made.cs")));
    }

    [Fact]
    public void Opening_a_directory_as_a_file_is_access_denied()
    {
        Expect<UnauthorizedAccessException>(() => Fs.File.OpenRead(P("docs")));
        Expect<UnauthorizedAccessException>(() => Fs.File.WriteAllText(P("docs"), "x"));
    }

    [Fact]
    public void Invalid_mode_and_access_combinations_are_argument_errors()
    {
        Expect<ArgumentException>(() => Fs.File.Open(P("docs/readme.txt"), FileMode.Append, FileAccess.Read));
        Expect<ArgumentException>(() => Fs.File.Open(P("docs/readme.txt"), FileMode.Truncate, FileAccess.Read));
        Expect<ArgumentException>(() => Fs.File.Open(P("docs/readme.txt"), FileMode.Append, FileAccess.ReadWrite));
    }

    [Fact]
    public void FileStreamFactory_opens_like_FileStream()
    {
        using (var stream = Fs.FileStream.New(P("stream.bin"), FileMode.Create))
        {
            Assert.True(stream.CanRead && stream.CanWrite);
            stream.Write(new byte[] { 9, 8, 7 });
        }
        using (var stream = Fs.FileStream.New(P("stream.bin"), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read }))
            Assert.Equal(3, stream.Length);
        using (Fs.FileStream.New(P("umask-free.bin"), new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Fs.File.GetUnixFileMode(P("umask-free.bin")));
    }

    [Fact]
    public void DeleteOnClose_removes_the_file_when_the_stream_closes()
    {
        using (var stream = Fs.FileStream.New(P("scratch.tmp"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose))
        {
            stream.WriteByte(1);
            Assert.True(Fs.File.Exists(P("scratch.tmp")));
        }
        Assert.False(Fs.File.Exists(P("scratch.tmp")));
    }
}
