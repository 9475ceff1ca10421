// FileVersionInfo over the overlay is not supported: System.Diagnostics.FileVersionInfo reads a host path only.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class UnsupportedFileVersionInfoFactory(OverlayFileSystem fs) : IFileVersionInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileVersionInfo GetVersionInfo(string fileName) => throw IoErrors.Unsupported("FileVersionInfoFactory.GetVersionInfo",
        "System.Diagnostics.FileVersionInfo can only read a host path, and overlay files have none");
}
