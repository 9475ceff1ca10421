// Contract scenarios: reading, writing, appending and overwriting whole contents.
using System.Text;
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract
{
    [Fact]
    public void The_seed_tree_reads_back_as_described()
    {
        Assert.Equal(SeedTreeLines(), Tree());
    }

    [Fact]
    public void ReadAllText_and_ReadAllBytes_return_seeded_content()
    {
        Assert.Equal("read me\n", Fs.File.ReadAllText(P("docs/readme.txt")));
        Assert.Equal(Kit.SeedTree.Binary, Fs.File.ReadAllBytes(P("data/values.bin")));
        Assert.Equal(new[] { "# notes", "line two" }, Fs.File.ReadAllLines(P("docs/notes.md")));
        Assert.Equal("locked", Fs.File.ReadAllText(P("readonly.txt")));
    }

    [Fact]
    public void WriteAllText_creates_a_file_with_the_default_mode()
    {
        Fs.File.WriteAllText(P("docs/new.txt"), "fresh");
        Assert.Equal("fresh", Fs.File.ReadAllText(P("docs/new.txt")));
        Assert.Equal(NewFileMode, Fs.File.GetUnixFileMode(P("docs/new.txt")));
        Assert.Equal(SeedTreeLines(add: new[] { "docs/new.txt = \"fresh\"" }), Tree());
    }

    [Fact]
    public void WriteAllText_overwrites_a_seeded_file_and_keeps_its_mode()
    {
        Fs.File.WriteAllText(P("bin/run.sh"), "#!/bin/sh\n");
        Assert.Equal("#!/bin/sh\n", Fs.File.ReadAllText(P("bin/run.sh")));
        Assert.Equal((UnixFileMode)0x1ED, Fs.File.GetUnixFileMode(P("bin/run.sh")));
    }

    [Fact]
    public void AppendAllText_appends_to_a_seeded_file()
    {
        Fs.File.AppendAllText(P("docs/readme.txt"), "and more\n");
        Fs.File.AppendAllText(P("docs/readme.txt"), "and again");
        Assert.Equal("read me\nand more\nand again", Fs.File.ReadAllText(P("docs/readme.txt")));
    }

    [Fact]
    public void AppendAllText_creates_a_missing_file()
    {
        Fs.File.AppendAllText(P("data/log.txt"), "first");
        Assert.Equal("first", Fs.File.ReadAllText(P("data/log.txt")));
    }

    [Fact]
    public void WriteAllBytes_and_AppendAllBytes_round_trip()
    {
        Fs.File.WriteAllBytes(P("data/values.bin"), new byte[] { 1, 2, 3 });
        Fs.File.AppendAllBytes(P("data/values.bin"), new byte[] { 4, 5 });
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, Fs.File.ReadAllBytes(P("data/values.bin")));
    }

    [Fact]
    public void WriteAllLines_and_AppendAllLines_end_lines_with_newline()
    {
        Fs.File.WriteAllLines(P("lines.txt"), new[] { "a", "b" });
        Fs.File.AppendAllLines(P("lines.txt"), new[] { "c" });
        Assert.Equal("a\nb\nc\n", Fs.File.ReadAllText(P("lines.txt")));
        Assert.Equal(new[] { "a", "b", "c" }, Fs.File.ReadLines(P("lines.txt")).ToArray());
    }

    [Fact]
    public void An_explicit_encoding_writes_its_preamble_once()
    {
        Fs.File.WriteAllText(P("bom.txt"), "x", Encoding.UTF8);
        Fs.File.AppendAllText(P("bom.txt"), "y", Encoding.UTF8);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'x', (byte)'y' }, Fs.File.ReadAllBytes(P("bom.txt")));
        Assert.Equal("xy", Fs.File.ReadAllText(P("bom.txt")));
        Fs.File.WriteAllText(P("empty-bom.txt"), "", Encoding.UTF8);
        Assert.Equal(3, Fs.File.ReadAllBytes(P("empty-bom.txt")).Length);
    }

    [Fact]
    public void WriteAllText_with_empty_content_truncates()
    {
        Fs.File.WriteAllText(P("docs/notes.md"), "");
        Assert.Empty(Fs.File.ReadAllBytes(P("docs/notes.md")));
        Assert.Equal(0, Fs.FileInfo.New(P("docs/notes.md")).Length);
    }

    [Fact]
    public async Task Async_helpers_read_and_write()
    {
        await Fs.File.WriteAllTextAsync(P("async.txt"), "one\ntwo\n");
        await Fs.File.AppendAllTextAsync(P("async.txt"), "three\n");
        Assert.Equal("one\ntwo\nthree\n", await Fs.File.ReadAllTextAsync(P("async.txt")));
        var lines = new List<string>();
        await foreach (var line in Fs.File.ReadLinesAsync(P("async.txt"))) lines.Add(line);
        Assert.Equal(new[] { "one", "two", "three" }, lines);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Fs.File.ReadAllBytesAsync(P("missing")));
    }

    [Fact]
    public void Text_writers_and_readers_work_on_the_file()
    {
        using (var writer = Fs.File.CreateText(P("text.txt"))) writer.Write("created");
        using (var writer = Fs.File.AppendText(P("text.txt"))) writer.Write(" appended");
        using var reader = Fs.File.OpenText(P("text.txt"));
        Assert.Equal("created appended", reader.ReadToEnd());
    }
}
