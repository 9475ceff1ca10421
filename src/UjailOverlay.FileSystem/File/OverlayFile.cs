// IFile over the overlay: File's static API (File.cs) bound to an OverlayFileSystem. This part holds existence,
// delete, copy, move, replace, symlinks and the members Linux itself does not support (encryption). Streams,
// content helpers, async helpers and metadata are in the other OverlayFile.*.cs parts.
using System.IO.Abstractions;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed partial class OverlayFile : IFile
{
    private readonly OverlayFileSystem _fs;

    public OverlayFile(OverlayFileSystem fs) => _fs = fs;

    public IFileSystem FileSystem => _fs;

    private Operations Ops => _fs.Ops;

    public bool Exists(string? path)
    {
        try
        {
            if (string.IsNullOrEmpty(path)) return false;
            var full = _fs.GetFullPath(path);
            // A trailing separator names a directory: never a file.
            return !SysPath.EndsInDirectorySeparator(full) && _fs.FileExists(full);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Delete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Ops.DeleteFile(_fs.GetFullPath(path));
    }

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, overwrite: false);

    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        Ops.CopyFile(_fs.GetFullPath(sourceFileName, nameof(sourceFileName)), _fs.GetFullPath(destFileName, nameof(destFileName)), overwrite);
    }

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, overwrite: false);

    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        Ops.MoveFile(_fs.GetFullPath(sourceFileName, nameof(sourceFileName)), _fs.GetFullPath(destFileName, nameof(destFileName)), overwrite);
    }

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(sourceFileName);
        ArgumentNullException.ThrowIfNull(destinationFileName);
        Ops.ReplaceFile(
            _fs.GetFullPath(sourceFileName, nameof(sourceFileName)),
            _fs.GetFullPath(destinationFileName, nameof(destinationFileName)),
            destinationBackupFileName is null ? null : _fs.GetFullPath(destinationBackupFileName, nameof(destinationBackupFileName)));
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.GetFullPath(path);
        Ops.CreateSymbolicLink(full, pathToTarget, isDirectory: false);
        return new OverlayFileInfo(_fs, path, full);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        Ops.ResolveLinkTarget(_fs.GetFullPath(linkPath, nameof(linkPath)), returnFinalTarget, isDirectory: false);

    /// <summary>As File.Encrypt on Linux: file encryption is a Windows (EFS) feature.</summary>
    public void Encrypt(string path) =>
        throw IoErrors.NotOnLinux("File.Encrypt", "file encryption is an NTFS feature");

    /// <summary>As File.Decrypt on Linux: file encryption is a Windows (EFS) feature.</summary>
    public void Decrypt(string path) =>
        throw IoErrors.NotOnLinux("File.Decrypt", "file encryption is an NTFS feature");

    private static NotSupportedException NoHandles(string member) =>
        IoErrors.Unsupported(member, "SafeFileHandle is a host file descriptor and the overlay file system hands out none");
}
