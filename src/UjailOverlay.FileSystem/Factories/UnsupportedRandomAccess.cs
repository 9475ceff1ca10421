// RandomAccess over the overlay is not supported: every member takes a SafeFileHandle, a host descriptor the
// overlay file system never hands out. Use a FileSystemStream (Seek, Read, Write) instead.
using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace UjailOverlay.FileSystem;

internal sealed class UnsupportedRandomAccess(OverlayFileSystem fs) : IRandomAccess
{
    public IFileSystem FileSystem => fs;

    public void FlushToDisk(SafeFileHandle handle) => throw Unsupported(nameof(FlushToDisk));
    public long GetLength(SafeFileHandle handle) => throw Unsupported(nameof(GetLength));
    public int Read(SafeFileHandle handle, Span<byte> buffer, long fileOffset) => throw Unsupported(nameof(Read));
    public long Read(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) => throw Unsupported(nameof(Read));
    public ValueTask<int> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported(nameof(ReadAsync));
    public ValueTask<long> ReadAsync(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported(nameof(ReadAsync));
    public void SetLength(SafeFileHandle handle, long length) => throw Unsupported(nameof(SetLength));
    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> buffer, long fileOffset) => throw Unsupported(nameof(Write));
    public void Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) => throw Unsupported(nameof(Write));
    public ValueTask WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported(nameof(WriteAsync));
    public ValueTask WriteAsync(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported(nameof(WriteAsync));

    private static NotSupportedException Unsupported(string member) => IoErrors.Unsupported("RandomAccess." + member,
        "it works on SafeFileHandle, a host file descriptor the overlay file system never hands out; use a FileSystemStream");
}
