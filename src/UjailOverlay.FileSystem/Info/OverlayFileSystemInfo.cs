// What FileInfo and DirectoryInfo share (FileSystemInfo.cs / FileSystemInfo.Unix.cs): the original and full path,
// a status cached from the first property read until Refresh or a change made through this object, attribute,
// time and unix-mode properties with .NET's rules for missing entries ((FileAttributes)(-1), 1601-01-01,
// (UnixFileMode)(-1)), the link target, and symlink creation and resolution.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal abstract class OverlayFileSystemInfo : IFileSystemInfo
{
    private protected readonly OverlayFileSystem Fs;
    private protected readonly EntryStatus Status;
    private string? _linkTarget;
    private bool _linkTargetRead;

    private protected OverlayFileSystemInfo(OverlayFileSystem fs, string originalPath, string fullPath)
    {
        Fs = fs;
        Status = new EntryStatus(fs);
        OriginalPath = originalPath;
        FullPath = fullPath;
    }

    public IFileSystem FileSystem => Fs;

    /// <summary>The path as the caller gave it (ToString returns it, as FileSystemInfo does).</summary>
    private protected string OriginalPath { get; set; }

    private protected string FullPath { get; set; }

    private protected abstract bool IsDirectoryInfo { get; }

    public string FullName => FullPath;

    public abstract string Name { get; }

    public string Extension => System.IO.Path.GetExtension(FullPath);

    public abstract bool Exists { get; }

    public FileAttributes Attributes
    {
        get => Status.GetAttributes(FullPath, Name);
        set => Fs.Ops.SetAttributes(Status, FullPath, value, IsDirectoryInfo);
    }

    public UnixFileMode UnixFileMode
    {
        get => Status.GetUnixFileMode(FullPath);
        set => Fs.Ops.SetUnixFileMode(Status, FullPath, value);
    }

    public DateTime CreationTime
    {
        get => CreationTimeUtc.ToLocalTime();
        set => SetWriteTime(Times.FromLocalArgument(value));
    }

    public DateTime CreationTimeUtc
    {
        get => Status.GetCreationTime(FullPath).UtcDateTime;
        set => SetWriteTime(Times.FromUtcArgument(value));
    }

    public DateTime LastAccessTime
    {
        get => LastAccessTimeUtc.ToLocalTime();
        set => Fs.Ops.SetTime(Status, FullPath, Operations.TimeKind.Access, Times.FromLocalArgument(value), IsDirectoryInfo);
    }

    public DateTime LastAccessTimeUtc
    {
        get => Status.GetLastAccessTime(FullPath).UtcDateTime;
        set => Fs.Ops.SetTime(Status, FullPath, Operations.TimeKind.Access, Times.FromUtcArgument(value), IsDirectoryInfo);
    }

    public DateTime LastWriteTime
    {
        get => LastWriteTimeUtc.ToLocalTime();
        set => SetWriteTime(Times.FromLocalArgument(value));
    }

    public DateTime LastWriteTimeUtc
    {
        get => Status.GetLastWriteTime(FullPath).UtcDateTime;
        set => SetWriteTime(Times.FromUtcArgument(value));
    }

    public string? LinkTarget
    {
        get
        {
            if (!_linkTargetRead)
            {
                _linkTarget = Fs.Ops.ReadLinkOrNull(FullPath);
                _linkTargetRead = true;
            }
            return _linkTarget;
        }
    }

    public void CreateAsSymbolicLink(string pathToTarget)
    {
        Fs.Ops.CreateSymbolicLink(FullPath, pathToTarget, IsDirectoryInfo);
        Invalidate();
    }

    public IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) =>
        Fs.Ops.ResolveLinkTarget(FullPath, returnFinalTarget, IsDirectoryInfo);

    public abstract void Delete();

    public void Refresh()
    {
        _linkTargetRead = false;
        Status.Invalidate();
        Status.EntryExists(FullPath);
    }

    public override string ToString() => OriginalPath;

    private protected void Invalidate()
    {
        _linkTargetRead = false;
        Status.Invalidate();
    }

    private void SetWriteTime(DateTimeOffset time) =>
        Fs.Ops.SetTime(Status, FullPath, Operations.TimeKind.Write, time, IsDirectoryInfo);
}
