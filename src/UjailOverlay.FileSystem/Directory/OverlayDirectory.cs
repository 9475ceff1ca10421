// IDirectory over the overlay: Directory's static API (Directory.cs) bound to an OverlayFileSystem. Creation
// is recursive, deletion optionally so, Move renames (files too, as on Linux), listings follow .NET's pattern and
// recursion rules (FileSystemEnumeration), and the current directory is this file system's own.
using System.IO.Abstractions;
using UjailOverlay.Core;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayDirectory : IDirectory
{
    private readonly OverlayFileSystem _fs;
    private readonly FileSystemEnumeration _enumeration;

    public OverlayDirectory(OverlayFileSystem fs)
    {
        _fs = fs;
        _enumeration = new FileSystemEnumeration(fs);
    }

    public IFileSystem FileSystem => _fs;

    private Operations Ops => _fs.Ops;

    public IDirectoryInfo CreateDirectory(string path)
    {
        var full = _fs.GetFullPath(path);
        Ops.CreateDirectory(full);
        return new OverlayDirectoryInfo(_fs, path, full);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        if (((int)unixCreateMode & ~0xFFF) != 0) throw new ArgumentException("Invalid UnixFileMode value.", nameof(unixCreateMode));
        var full = _fs.GetFullPath(path);
        Ops.CreateDirectory(full, unixCreateMode);
        return new OverlayDirectoryInfo(_fs, path, full);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.GetFullPath(path);
        Ops.CreateSymbolicLink(full, pathToTarget, isDirectory: true);
        return new OverlayDirectoryInfo(_fs, path, full);
    }

    /// <summary>A new 0700 directory with a unique name under Path.GetTempPath(), like mkdtemp(3).</summary>
    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        if (prefix is not null && prefix.Contains('/'))
            throw new ArgumentException("The prefix must not contain a directory separator.", nameof(prefix));
        var tempRoot = SysPath.GetTempPath();
        while (true)
        {
            var path = SysPath.Join(tempRoot, (prefix ?? "") + SysPath.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)[..6]);
            var err = _fs.Overlay.Mkdir(path, 0x1C0, _fs.Caller);
            if (err == Errno.EEXIST) continue;
            if (err != Errno.OK) throw IoErrors.From(err, path, isDirectory: true);
            return new OverlayDirectoryInfo(_fs, path, path);
        }
    }

    public void Delete(string path) => Ops.RemoveDirectory(_fs.GetFullPath(path), recursive: false);

    public void Delete(string path, bool recursive) => Ops.RemoveDirectory(_fs.GetFullPath(path), recursive);

    public bool Exists(string? path)
    {
        try
        {
            return !string.IsNullOrEmpty(path) && _fs.DirectoryExists(_fs.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Move(string sourceDirName, string destDirName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceDirName);
        ArgumentException.ThrowIfNullOrEmpty(destDirName);
        Ops.MoveDirectory(_fs.GetFullPath(sourceDirName, nameof(sourceDirName)), _fs.GetFullPath(destDirName, nameof(destDirName)));
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        Ops.ResolveLinkTarget(_fs.GetFullPath(linkPath, nameof(linkPath)), returnFinalTarget, isDirectory: true);

    public string GetCurrentDirectory() => _fs.CurrentDirectory;

    public void SetCurrentDirectory(string path) => Ops.SetCurrentDirectory(_fs.GetFullPath(path));

    public string GetDirectoryRoot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SysPath.GetPathRoot(_fs.GetFullPath(path))!;
    }

    /// <summary>The overlay is one tree: its only root is "/".</summary>
    public string[] GetLogicalDrives() => new[] { "/" };

    public IDirectoryInfo? GetParent(string path)
    {
        var parent = SysPath.GetDirectoryName(_fs.GetFullPath(path));
        return parent is null ? null : new OverlayDirectoryInfo(_fs, parent, parent);
    }

    // ---- times: the File getters; setters may act on a directory --------------------------------------------

    public DateTime GetCreationTime(string path) => _fs.File.GetCreationTime(path);
    public DateTime GetCreationTimeUtc(string path) => _fs.File.GetCreationTimeUtc(path);
    public DateTime GetLastAccessTime(string path) => _fs.File.GetLastAccessTime(path);
    public DateTime GetLastAccessTimeUtc(string path) => _fs.File.GetLastAccessTimeUtc(path);
    public DateTime GetLastWriteTime(string path) => _fs.File.GetLastWriteTime(path);
    public DateTime GetLastWriteTimeUtc(string path) => _fs.File.GetLastWriteTimeUtc(path);

    public void SetCreationTime(string path, DateTime creationTime) => SetTime(path, Operations.TimeKind.Write, Times.FromLocalArgument(creationTime));
    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => SetTime(path, Operations.TimeKind.Write, Times.FromUtcArgument(creationTimeUtc));
    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetTime(path, Operations.TimeKind.Access, Times.FromLocalArgument(lastAccessTime));
    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => SetTime(path, Operations.TimeKind.Access, Times.FromUtcArgument(lastAccessTimeUtc));
    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetTime(path, Operations.TimeKind.Write, Times.FromLocalArgument(lastWriteTime));
    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => SetTime(path, Operations.TimeKind.Write, Times.FromUtcArgument(lastWriteTimeUtc));

    private void SetTime(string path, Operations.TimeKind kind, DateTimeOffset time) =>
        Ops.SetTime(new EntryStatus(_fs), _fs.GetFullPath(path), kind, time, asDirectory: true);

    // ---- listings -------------------------------------------------------------------------------------------

    public string[] GetFiles(string path) => EnumerateFiles(path).ToArray();
    public string[] GetFiles(string path, string searchPattern) => EnumerateFiles(path, searchPattern).ToArray();
    public string[] GetFiles(string path, string searchPattern, SearchOption searchOption) => EnumerateFiles(path, searchPattern, searchOption).ToArray();
    public string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFiles(path, searchPattern, enumerationOptions).ToArray();

    public string[] GetDirectories(string path) => EnumerateDirectories(path).ToArray();
    public string[] GetDirectories(string path, string searchPattern) => EnumerateDirectories(path, searchPattern).ToArray();
    public string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) => EnumerateDirectories(path, searchPattern, searchOption).ToArray();
    public string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => EnumerateDirectories(path, searchPattern, enumerationOptions).ToArray();

    public string[] GetFileSystemEntries(string path) => EnumerateFileSystemEntries(path).ToArray();
    public string[] GetFileSystemEntries(string path, string searchPattern) => EnumerateFileSystemEntries(path, searchPattern).ToArray();
    public string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => EnumerateFileSystemEntries(path, searchPattern, searchOption).ToArray();
    public string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFileSystemEntries(path, searchPattern, enumerationOptions).ToArray();

    public IEnumerable<string> EnumerateFiles(string path) => EnumerateFiles(path, "*");
    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => EnumerateFiles(path, searchPattern, FileSystemEnumeration.Compatible());
    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) => EnumerateFiles(path, searchPattern, FileSystemEnumeration.FromSearchOption(searchOption));
    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        _enumeration.Paths(path, searchPattern, SearchTarget.Files, enumerationOptions);

    public IEnumerable<string> EnumerateDirectories(string path) => EnumerateDirectories(path, "*");
    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => EnumerateDirectories(path, searchPattern, FileSystemEnumeration.Compatible());
    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) => EnumerateDirectories(path, searchPattern, FileSystemEnumeration.FromSearchOption(searchOption));
    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        _enumeration.Paths(path, searchPattern, SearchTarget.Directories, enumerationOptions);

    public IEnumerable<string> EnumerateFileSystemEntries(string path) => EnumerateFileSystemEntries(path, "*");
    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) => EnumerateFileSystemEntries(path, searchPattern, FileSystemEnumeration.Compatible());
    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => EnumerateFileSystemEntries(path, searchPattern, FileSystemEnumeration.FromSearchOption(searchOption));
    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        _enumeration.Paths(path, searchPattern, SearchTarget.Both, enumerationOptions);
}
