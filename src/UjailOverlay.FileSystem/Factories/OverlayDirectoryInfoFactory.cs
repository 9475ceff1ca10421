// Creates IDirectoryInfo objects over the overlay. Wrapping a host DirectoryInfo is refused: it names a host
// object, and this file system never touches the host directly.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayDirectoryInfoFactory(OverlayFileSystem fs) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDirectoryInfo New(string path) => new OverlayDirectoryInfo(fs, path);

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => throw IoErrors.Unsupported("DirectoryInfoFactory.Wrap",
        "a System.IO.DirectoryInfo describes a host directory; create overlay objects with New(path)");
}
