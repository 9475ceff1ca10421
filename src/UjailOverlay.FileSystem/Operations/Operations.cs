// The operations File, Directory, FileInfo and DirectoryInfo share, on full virtual paths. Split by job like
// .NET's FileSystem.Unix.cs: Open (streams), Files (delete, copy, move, replace), Directories (create, remove,
// move), Links (symlinks), Metadata (attributes, modes, times). Each translates one .NET operation into
// OverlayFs calls and hands every failure to IoErrors with the path and the not-found flavour .NET would report.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.FileSystem;

internal sealed partial class Operations
{
    private readonly OverlayFileSystem _fs;

    public Operations(OverlayFileSystem fs) => _fs = fs;

    private OverlayFs Overlay => _fs.Overlay;
    private OpContext Caller => _fs.Caller;

    /// <summary>FileSystemInfo.ThrowNotFound: FileNotFound, or DirectoryNotFound when the parent is missing too.</summary>
    public Exception NotFound(string fullPath) => IoErrors.NotFound(fullPath, _fs.ParentExists(fullPath));

    /// <summary>The exception for an errno on a path; an ENOENT is blamed on the directory when that is missing.</summary>
    public Exception Fail(Errno errno, string? path, bool isDirectory = false) =>
        IoErrors.From(errno, path, isDirectory, _fs.ParentExists);
}
