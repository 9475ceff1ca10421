// IFile's metadata members (File.cs): attributes, unix modes and the three times. Getters of a missing file's
// times return 1601-01-01 UTC as .NET does; setters need the file to exist. The SafeFileHandle overloads are not
// supported: the overlay file system has no host descriptors.
using Microsoft.Win32.SafeHandles;

namespace UjailOverlay.FileSystem;

internal sealed partial class OverlayFile
{
    public FileAttributes GetAttributes(string path) => Ops.GetAttributes(_fs.GetFullPath(path));

    public void SetAttributes(string path, FileAttributes fileAttributes)
    {
        var full = _fs.GetFullPath(path);
        Ops.SetAttributes(new EntryStatus(_fs), full, fileAttributes, asDirectory: false);
    }

    public UnixFileMode GetUnixFileMode(string path) => Ops.GetUnixFileMode(_fs.GetFullPath(path));

    public void SetUnixFileMode(string path, UnixFileMode mode)
    {
        var full = _fs.GetFullPath(path);
        Ops.SetUnixFileMode(new EntryStatus(_fs), full, mode);
    }

    public DateTime GetCreationTime(string path) => GetCreationTimeUtc(path).ToLocalTime();

    public DateTime GetCreationTimeUtc(string path) => new EntryStatus(_fs).GetCreationTime(_fs.GetFullPath(path)).UtcDateTime;

    public DateTime GetLastAccessTime(string path) => GetLastAccessTimeUtc(path).ToLocalTime();

    public DateTime GetLastAccessTimeUtc(string path) => new EntryStatus(_fs).GetLastAccessTime(_fs.GetFullPath(path)).UtcDateTime;

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => new EntryStatus(_fs).GetLastWriteTime(_fs.GetFullPath(path)).UtcDateTime;

    /// <summary>Linux has no settable birth time: like .NET, this sets the last write time.</summary>
    public void SetCreationTime(string path, DateTime creationTime) => SetTime(path, Operations.TimeKind.Write, Times.FromLocalArgument(creationTime));

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => SetTime(path, Operations.TimeKind.Write, Times.FromUtcArgument(creationTimeUtc));

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetTime(path, Operations.TimeKind.Access, Times.FromLocalArgument(lastAccessTime));

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => SetTime(path, Operations.TimeKind.Access, Times.FromUtcArgument(lastAccessTimeUtc));

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetTime(path, Operations.TimeKind.Write, Times.FromLocalArgument(lastWriteTime));

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => SetTime(path, Operations.TimeKind.Write, Times.FromUtcArgument(lastWriteTimeUtc));

    private void SetTime(string path, Operations.TimeKind kind, DateTimeOffset time) =>
        Ops.SetTime(new EntryStatus(_fs), _fs.GetFullPath(path), kind, time, asDirectory: false);

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw NoHandles("File.GetAttributes(SafeFileHandle)");
    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw NoHandles("File.SetAttributes(SafeFileHandle)");
    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw NoHandles("File.GetUnixFileMode(SafeFileHandle)");
    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw NoHandles("File.SetUnixFileMode(SafeFileHandle)");
    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw NoHandles("File.GetCreationTime(SafeFileHandle)");
    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw NoHandles("File.GetCreationTimeUtc(SafeFileHandle)");
    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw NoHandles("File.GetLastAccessTime(SafeFileHandle)");
    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw NoHandles("File.GetLastAccessTimeUtc(SafeFileHandle)");
    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw NoHandles("File.GetLastWriteTime(SafeFileHandle)");
    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw NoHandles("File.GetLastWriteTimeUtc(SafeFileHandle)");
    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw NoHandles("File.SetCreationTime(SafeFileHandle)");
    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw NoHandles("File.SetCreationTimeUtc(SafeFileHandle)");
    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw NoHandles("File.SetLastAccessTime(SafeFileHandle)");
    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw NoHandles("File.SetLastAccessTimeUtc(SafeFileHandle)");
    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw NoHandles("File.SetLastWriteTime(SafeFileHandle)");
    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw NoHandles("File.SetLastWriteTimeUtc(SafeFileHandle)");
}
