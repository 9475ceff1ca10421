// The stream behind an OverlayFileSystemStream: a layer's stream limited to the FileAccess the caller asked for
// (a layer may hand out a stream that can do more), with FileStream's append rule (no seeking, positioning or
// truncating before where the file ended when it was opened with FileMode.Append) and an action run once on close
// (FileOptions.DeleteOnClose). The messages are FileStream's.
namespace UjailOverlay.FileSystem;

internal sealed class OverlayStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private readonly long _appendStart;
    private Action? _onClose;
    private bool _disposed;

    public OverlayStream(Stream inner, FileAccess access, long appendStart, Action? onClose)
    {
        _inner = inner;
        _canRead = (access & FileAccess.Read) != 0;
        _canWrite = (access & FileAccess.Write) != 0;
        _appendStart = appendStart;
        _onClose = onClose;
    }

    public override bool CanRead => !_disposed && _canRead;
    public override bool CanWrite => !_disposed && _canWrite;
    public override bool CanSeek => !_disposed && _inner.CanSeek;

    public override long Length
    {
        get
        {
            ThrowIfDisposed();
            return _inner.Length;
        }
    }

    public override long Position
    {
        get
        {
            ThrowIfDisposed();
            return _inner.Position;
        }
        set
        {
            ThrowIfDisposed();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            if (value < _appendStart) throw IoErrors.SeekBeforeAppendStart();
            _inner.Position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfCannotRead();
        return _inner.Read(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfCannotWrite();
        _inner.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _inner.Position + offset,
            SeekOrigin.End => _inner.Length + offset,
            _ => throw new ArgumentException("Invalid seek origin.", nameof(origin)),
        };
        if (target < 0) throw IoErrors.SeekBeforeBeginning();
        if (target < _appendStart) throw IoErrors.SeekBeforeAppendStart();
        return _inner.Seek(target, SeekOrigin.Begin);
    }

    public override void SetLength(long value)
    {
        ThrowIfCannotWrite();
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value < _appendStart) throw IoErrors.SeekBeforeAppendStart();
        _inner.SetLength(value);
    }

    public override void Flush()
    {
        if (_disposed) return;
        if (_canWrite) _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                _inner.Dispose();
            }
            finally
            {
                var onClose = _onClose;
                _onClose = null;
                onClose?.Invoke();
            }
        }
        base.Dispose(disposing);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfCannotRead()
    {
        ThrowIfDisposed();
        if (!_canRead) throw IoErrors.StreamCannotRead();
    }

    private void ThrowIfCannotWrite()
    {
        ThrowIfDisposed();
        if (!_canWrite) throw IoErrors.StreamCannotWrite();
    }
}
