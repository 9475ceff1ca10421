// Creates IFileInfo objects over the overlay. Wrapping a host FileInfo is refused: it names a host object, and
// this file system never touches the host directly.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayFileInfoFactory(OverlayFileSystem fs) : IFileInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileInfo New(string fileName) => new OverlayFileInfo(fs, fileName);

    public IFileInfo? Wrap(FileInfo? fileInfo) => throw IoErrors.Unsupported("FileInfoFactory.Wrap",
        "a System.IO.FileInfo describes a host file; create overlay objects with New(path)");
}
