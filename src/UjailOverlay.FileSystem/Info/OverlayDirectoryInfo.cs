// IDirectoryInfo over the overlay (DirectoryInfo.cs): the full path keeps a trailing separator as given; Name is
// the last component ("/" for the root); enumeration returns info objects with full paths.
using System.IO.Abstractions;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayDirectoryInfo : OverlayFileSystemInfo, IDirectoryInfo
{
    private string _name;

    internal OverlayDirectoryInfo(OverlayFileSystem fs, string originalPath)
        : this(fs, originalPath, fs.GetFullPath(originalPath))
    {
    }

    internal OverlayDirectoryInfo(OverlayFileSystem fs, string originalPath, string fullPath) : base(fs, originalPath, fullPath) =>
        _name = NameOf(fullPath);

    private protected override bool IsDirectoryInfo => true;

    public override string Name => _name;

    public override bool Exists => Status.Exists(FullPath, asDirectory: true);

    public IDirectoryInfo? Parent
    {
        get
        {
            var parent = SysPath.GetDirectoryName(SysPath.TrimEndingDirectorySeparator(FullPath));
            return parent is null ? null : new OverlayDirectoryInfo(Fs, parent);
        }
    }

    public IDirectoryInfo Root => new OverlayDirectoryInfo(Fs, "/");

    public void Create()
    {
        Fs.Ops.CreateDirectory(FullPath);
        Invalidate();
    }

    public IDirectoryInfo CreateSubdirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException("The path is empty.", nameof(path));
        if (SysPath.IsPathRooted(path)) throw new ArgumentException("Second path fragment must not be a drive or UNC name.", nameof(path));
        var trimmedCurrent = SysPath.TrimEndingDirectorySeparator(FullPath);
        var newPath = SysPath.GetFullPath(SysPath.Combine(FullPath, path));
        var prefix = trimmedCurrent == "/" ? "/" : trimmedCurrent + "/";
        if (!newPath.StartsWith(prefix, StringComparison.Ordinal) || newPath.Length == prefix.Length)
            throw new ArgumentException($"The directory specified, '{path}', is not a subdirectory of '{FullPath}'.", nameof(path));
        Fs.Ops.CreateDirectory(newPath);
        return new OverlayDirectoryInfo(Fs, newPath);
    }

    public override void Delete() => Delete(recursive: false);

    public void Delete(bool recursive)
    {
        Fs.Ops.RemoveDirectory(FullPath, recursive);
        Invalidate();
    }

    public void MoveTo(string destDirName)
    {
        var destination = Fs.GetFullPath(destDirName, nameof(destDirName));
        Fs.Directory.Move(FullPath, destination);
        FullPath = SysPath.EndsInDirectorySeparator(destination) ? destination : destination + "/";
        OriginalPath = destDirName;
        _name = NameOf(FullPath);
        Invalidate();
    }

    public IEnumerable<IDirectoryInfo> EnumerateDirectories() => EnumerateDirectories("*");
    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern) => EnumerateDirectories(searchPattern, FileSystemEnumeration.Compatible());
    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, SearchOption searchOption) => EnumerateDirectories(searchPattern, FileSystemEnumeration.FromSearchOption(searchOption));
    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, SearchTarget.Directories, enumerationOptions).Cast<IDirectoryInfo>();

    public IEnumerable<IFileInfo> EnumerateFiles() => EnumerateFiles("*");
    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern) => EnumerateFiles(searchPattern, FileSystemEnumeration.Compatible());
    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, SearchOption searchOption) => EnumerateFiles(searchPattern, FileSystemEnumeration.FromSearchOption(searchOption));
    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, SearchTarget.Files, enumerationOptions).Cast<IFileInfo>();

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos() => EnumerateFileSystemInfos("*");
    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern) => EnumerateFileSystemInfos(searchPattern, FileSystemEnumeration.Compatible());
    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, SearchOption searchOption) => EnumerateFileSystemInfos(searchPattern, FileSystemEnumeration.FromSearchOption(searchOption));
    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, SearchTarget.Both, enumerationOptions);

    public IDirectoryInfo[] GetDirectories() => EnumerateDirectories().ToArray();
    public IDirectoryInfo[] GetDirectories(string searchPattern) => EnumerateDirectories(searchPattern).ToArray();
    public IDirectoryInfo[] GetDirectories(string searchPattern, SearchOption searchOption) => EnumerateDirectories(searchPattern, searchOption).ToArray();
    public IDirectoryInfo[] GetDirectories(string searchPattern, EnumerationOptions enumerationOptions) => EnumerateDirectories(searchPattern, enumerationOptions).ToArray();

    public IFileInfo[] GetFiles() => EnumerateFiles().ToArray();
    public IFileInfo[] GetFiles(string searchPattern) => EnumerateFiles(searchPattern).ToArray();
    public IFileInfo[] GetFiles(string searchPattern, SearchOption searchOption) => EnumerateFiles(searchPattern, searchOption).ToArray();
    public IFileInfo[] GetFiles(string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFiles(searchPattern, enumerationOptions).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos() => EnumerateFileSystemInfos().ToArray();
    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern) => EnumerateFileSystemInfos(searchPattern).ToArray();
    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, SearchOption searchOption) => EnumerateFileSystemInfos(searchPattern, searchOption).ToArray();
    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFileSystemInfos(searchPattern, enumerationOptions).ToArray();

    private IEnumerable<IFileSystemInfo> Infos(string searchPattern, SearchTarget target, EnumerationOptions options) =>
        new FileSystemEnumeration(Fs).Infos(FullPath, searchPattern, target, options);

    private static string NameOf(string fullPath) =>
        fullPath == "/" ? "/" : SysPath.GetFileName(SysPath.TrimEndingDirectorySeparator(fullPath));
}
