// IFile's whole-content helpers (File.cs): read and write all bytes, text and lines, and append them. Text is
// UTF-8 without a byte order mark unless an encoding is given; a given encoding's preamble is written at the start
// of a file (also for empty content) but never in the middle of one being appended to; reads detect a byte order
// mark. ReadLines opens the file when called and reads lazily.
using System.Text;

namespace UjailOverlay.FileSystem;

internal sealed partial class OverlayFile
{
    public byte[] ReadAllBytes(string path)
    {
        using var stream = OpenRead(path);
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public string ReadAllText(string path) => ReadAllText(path, Encoding.UTF8);

    public string ReadAllText(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var reader = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    public string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public string[] ReadAllLines(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var reader = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines.ToArray();
    }

    public IEnumerable<string> ReadLines(string path) => ReadLines(path, Encoding.UTF8);

    public IEnumerable<string> ReadLines(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var first = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        return Lines(new FirstReader(first), () => new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true));
    }

    /// <summary>The reader opened by the ReadLines call serves the first enumeration; later ones reopen the file.</summary>
    private sealed class FirstReader(StreamReader reader)
    {
        private StreamReader? _reader = reader;
        public StreamReader? Take() => Interlocked.Exchange(ref _reader, null);
    }

    private static IEnumerable<string> Lines(FirstReader first, Func<StreamReader> reopen)
    {
        using var reader = first.Take() ?? reopen();
        while (reader.ReadLine() is { } line) yield return line;
    }

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        WriteAllBytes(path, bytes.AsSpan());
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = OpenStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, FileOptions.None, 0, null);
        stream.Write(bytes);
    }

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AppendAllBytes(path, bytes.AsSpan());
    }

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = OpenStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, FileOptions.None, 0, null);
        stream.Write(bytes);
    }

    public void WriteAllText(string path, string? contents) => WriteText(path, FileMode.Create, contents, Utf8NoBom);

    public void WriteAllText(string path, string? contents, Encoding encoding) => WriteText(path, FileMode.Create, contents, encoding);

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, FileMode.Create, contents, Utf8NoBom);

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, FileMode.Create, contents, encoding);

    public void AppendAllText(string path, string? contents) => WriteText(path, FileMode.Append, contents, Utf8NoBom);

    public void AppendAllText(string path, string? contents, Encoding encoding) => WriteText(path, FileMode.Append, contents, encoding);

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, FileMode.Append, contents, Utf8NoBom);

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, FileMode.Append, contents, encoding);

    public void WriteAllLines(string path, string[] contents) => WriteAllLines(path, (IEnumerable<string>)contents, Utf8NoBom);

    public void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteAllLines(path, (IEnumerable<string>)contents, encoding);

    public void WriteAllLines(string path, IEnumerable<string> contents) => WriteAllLines(path, contents, Utf8NoBom);

    public void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) =>
        WriteLines(path, FileMode.Create, contents, encoding);

    public void AppendAllLines(string path, IEnumerable<string> contents) => AppendAllLines(path, contents, Utf8NoBom);

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) =>
        WriteLines(path, FileMode.Append, contents, encoding);

    private void WriteLines(string path, FileMode mode, IEnumerable<string> contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        using var writer = new StreamWriter(OpenStream(path, mode, FileAccess.Write, FileShare.Read, FileOptions.None, 0, null), encoding);
        foreach (var line in contents) writer.WriteLine(line);
    }

    /// <summary>File.WriteToFile: the preamble goes at offset 0 only, even for empty content.</summary>
    private void WriteText(string path, FileMode mode, ReadOnlySpan<char> contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var stream = OpenStream(path, mode, FileAccess.Write, FileShare.Read, FileOptions.None, 0, null);
        if (stream.Position == 0) stream.Write(encoding.Preamble);
        if (contents.IsEmpty) return;
        var bytes = new byte[encoding.GetByteCount(contents)];
        encoding.GetBytes(contents, bytes);
        stream.Write(bytes);
    }
}
