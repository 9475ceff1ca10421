// The System.IO.Abstractions IFileSystem over an overlay's merged view, for in-process use (tools, tests, `ujail`
// verbs that read or edit a state as a jailed program would see it). Every path is a virtual path of the overlay
// ("/" is the jail's root); relative paths resolve against this file system's own current directory, never the
// process's. Reads reach the lower or upper layer through OverlayFs.Open's backing; every write goes through
// OverlayFs with write flags, so the overlay copies up first and the host is never modified. Behaviour follows
// .NET on Linux (System.Private.CoreLib FileSystem.Unix.cs, FileStatus.Unix.cs): the same exceptions, the same
// attribute and time rules, so code written against System.IO behaves the same on the overlay.
using System.IO.Abstractions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

public sealed class OverlayFileSystem : IFileSystem
{
    private volatile string _currentDirectory;

    /// <param name="overlay">The merged view to act on.</param>
    /// <param name="caller">Who acts: permission checks, new files' owner and the umask come from it.</param>
    /// <param name="currentDirectory">The absolute virtual path relative paths resolve against.</param>
    public OverlayFileSystem(OverlayFs overlay, OpContext caller, string currentDirectory = "/")
    {
        ArgumentNullException.ThrowIfNull(overlay);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        if (!SysPath.IsPathRooted(currentDirectory))
            throw new ArgumentException("The current directory must be an absolute virtual path.", nameof(currentDirectory));
        Overlay = overlay;
        Caller = caller;
        _currentDirectory = CanonicalDirectory(SysPath.GetFullPath(currentDirectory));
        Ops = new Operations(this);
        FileImpl = new OverlayFile(this);
        Directory = new OverlayDirectory(this);
        FileInfo = new OverlayFileInfoFactory(this);
        DirectoryInfo = new OverlayDirectoryInfoFactory(this);
        FileStream = new OverlayFileStreamFactory(this);
        Path = new OverlayPath(this);
        DriveInfo = new OverlayDriveInfoFactory(this);
        FileSystemWatcher = new UnsupportedFileSystemWatcherFactory(this);
        FileVersionInfo = new UnsupportedFileVersionInfoFactory(this);
        RandomAccess = new UnsupportedRandomAccess(this);
    }

    /// <summary>The overlay every operation goes through.</summary>
    public OverlayFs Overlay { get; }

    /// <summary>The identity every operation is checked with.</summary>
    public OpContext Caller { get; }

    public IFile File => FileImpl;
    public IDirectory Directory { get; }
    public IFileInfoFactory FileInfo { get; }
    public IDirectoryInfoFactory DirectoryInfo { get; }
    public IFileStreamFactory FileStream { get; }
    public IPath Path { get; }
    public IDriveInfoFactory DriveInfo { get; }
    public IFileSystemWatcherFactory FileSystemWatcher { get; }
    public IFileVersionInfoFactory FileVersionInfo { get; }
    public IRandomAccess RandomAccess { get; }

    internal OverlayFile FileImpl { get; }

    /// <summary>The operations File, Directory and the info objects share.</summary>
    internal Operations Ops { get; }

    /// <summary>The current directory, canonical (symlinks resolved, as getcwd(3) reports it).</summary>
    internal string CurrentDirectory
    {
        get => _currentDirectory;
        set => _currentDirectory = value;
    }

    /// <summary>Path.GetFullPath against this file system's current directory, with .NET's argument checks.</summary>
    internal string GetFullPath(string path, string paramName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        if (path.Length == 0) throw new ArgumentException("The path is empty.", paramName);
        if (path.Contains('\0')) throw new ArgumentException("Null character in path.", paramName);
        return SysPath.GetFullPath(path, _currentDirectory);
    }

    /// <summary>stat(2) following symlinks names a directory (FileSystem.DirectoryExists).</summary>
    internal bool DirectoryExists(string? fullPath) =>
        !string.IsNullOrEmpty(fullPath) && Overlay.Stat(fullPath, true, Caller, out var st) == Errno.OK && st.IsDirectory;

    /// <summary>stat(2), or lstat(2) for a dangling link, names something other than a directory (FileSystem.FileExists).</summary>
    internal bool FileExists(string fullPath)
    {
        if (Overlay.Stat(fullPath, true, Caller, out var st) != Errno.OK && Overlay.Stat(fullPath, false, Caller, out st) != Errno.OK)
            return false;
        return !st.IsDirectory;
    }

    /// <summary>Whether the directory holding a (possibly missing) path exists: decides between
    /// FileNotFoundException and DirectoryNotFoundException as .NET does.</summary>
    internal bool ParentExists(string fullPath)
    {
        var parent = SysPath.GetDirectoryName(SysPath.TrimEndingDirectorySeparator(fullPath));
        return parent is null || DirectoryExists(parent);
    }

    /// <summary>A full directory path without its trailing separator ("/" stays "/").</summary>
    internal static string CanonicalDirectory(string fullPath) =>
        fullPath.Length > 1 ? SysPath.TrimEndingDirectorySeparator(fullPath) : fullPath;
}
