// FileStream's constructors over the overlay, with FileStream's defaults (FileShare.Read; ReadWrite access except
// for FileMode.Append). Streams from host handles or host FileStreams are refused.
using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayFileStreamFactory(OverlayFileSystem fs) : IFileStreamFactory
{
    private const int DefaultBufferSize = 4096;

    public IFileSystem FileSystem => fs;

    public FileSystemStream New(string path, FileMode mode) =>
        New(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => New(path, mode, access, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) =>
        New(path, mode, access, share, DefaultBufferSize, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
        New(path, mode, access, share, bufferSize, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
        New(path, mode, access, share, bufferSize, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        fs.FileImpl.OpenStream(path, mode, access, share, options, bufferSize, createMode: null);

    public FileSystemStream New(string path, FileStreamOptions options) => fs.File.Open(path, options);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => throw NoHandles();

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => throw NoHandles();

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => throw NoHandles();

    public FileSystemStream Wrap(FileStream fileStream) => throw IoErrors.Unsupported("FileStreamFactory.Wrap",
        "a System.IO.FileStream is open on a host file; open overlay streams with New(path, ...)");

    private static NotSupportedException NoHandles() => IoErrors.Unsupported("FileStreamFactory.New(SafeFileHandle, ...)",
        "SafeFileHandle is a host file descriptor and the overlay file system hands out none");
}
