// A read-write stream over a copy of a file's content: the upper tree only hands out read-only and write-only
// streams, so FileAccess.ReadWrite works in memory and writes the whole content back (through a truncating
// upper write stream) on Flush and on close, only when something changed. The file is held in memory while open.
namespace UjailOverlay.FileSystem;

internal sealed class WriteBackStream : MemoryStream
{
    private readonly Func<Stream> _openForRewrite;
    private bool _dirty;

    public WriteBackStream(byte[] content, Func<Stream> openForRewrite)
    {
        _openForRewrite = openForRewrite;
        base.Write(content, 0, content.Length);
        Position = 0;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        _dirty = true;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer);
        _dirty = true;
    }

    public override void WriteByte(byte value)
    {
        base.WriteByte(value);
        _dirty = true;
    }

    public override void SetLength(long value)
    {
        base.SetLength(value);
        _dirty = true;
    }

    public override void Flush()
    {
        if (!_dirty) return;
        using (var target = _openForRewrite())
        {
            target.Write(GetBuffer(), 0, (int)Length);
        }
        _dirty = false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && CanRead) Flush(); // CanRead is false once disposed
        base.Dispose(disposing);
    }
}
