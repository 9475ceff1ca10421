// The FileSystemStream handed to callers: System.IO.Abstractions' stream type around an OverlayStream, named by
// the full virtual path as FileStream.Name is.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayFileSystemStream : FileSystemStream
{
    public OverlayFileSystemStream(OverlayStream stream, string path, bool isAsync) : base(stream, path, isAsync)
    {
    }
}
