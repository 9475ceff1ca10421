// IFileInfo over the overlay (FileInfo.cs): the file operations of File bound to one path; MoveTo re-points the
// object at the destination; Length of a directory or a missing file is FileNotFoundException.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayFileInfo : OverlayFileSystemInfo, IFileInfo
{
    private string _name;

    internal OverlayFileInfo(OverlayFileSystem fs, string originalPath)
        : this(fs, originalPath, fs.GetFullPath(originalPath, "fileName"))
    {
    }

    internal OverlayFileInfo(OverlayFileSystem fs, string originalPath, string fullPath) : base(fs, originalPath, fullPath) =>
        _name = System.IO.Path.GetFileName(originalPath);

    private protected override bool IsDirectoryInfo => false;

    public override string Name => _name;

    public override bool Exists => Status.Exists(FullPath, asDirectory: false);

    public long Length => (Attributes & FileAttributes.Directory) != 0
        ? throw IoErrors.From(Core.Errno.ENOENT, FullPath)
        : Status.GetLength(FullPath);

    public string? DirectoryName => System.IO.Path.GetDirectoryName(FullPath);

    public IDirectoryInfo? Directory => DirectoryName is { } d ? new OverlayDirectoryInfo(Fs, d) : null;

    public bool IsReadOnly
    {
        get => (Attributes & FileAttributes.ReadOnly) != 0;
        set
        {
            if (value) Attributes |= FileAttributes.ReadOnly;
            else Attributes &= ~FileAttributes.ReadOnly;
        }
    }

    public StreamWriter AppendText() => Fs.File.AppendText(FullPath);

    public StreamWriter CreateText() => Fs.File.CreateText(FullPath);

    public StreamReader OpenText() => Fs.File.OpenText(FullPath);

    public IFileInfo CopyTo(string destFileName) => CopyTo(destFileName, overwrite: false);

    public IFileInfo CopyTo(string destFileName, bool overwrite)
    {
        var destination = Fs.GetFullPath(destFileName, nameof(destFileName));
        Fs.Ops.CopyFile(FullPath, destination, overwrite);
        return new OverlayFileInfo(Fs, destFileName, destination);
    }

    public FileSystemStream Create()
    {
        var stream = Fs.File.Create(FullPath);
        Invalidate();
        return stream;
    }

    public override void Delete()
    {
        Fs.Ops.DeleteFile(FullPath);
        Invalidate();
    }

    public void MoveTo(string destFileName) => MoveTo(destFileName, overwrite: false);

    public void MoveTo(string destFileName, bool overwrite)
    {
        var destination = Fs.GetFullPath(destFileName, nameof(destFileName));
        Fs.Ops.MoveFile(FullPath, destination, overwrite);
        FullPath = destination;
        OriginalPath = destFileName;
        _name = System.IO.Path.GetFileName(destination);
        Invalidate();
    }

    public FileSystemStream Open(FileMode mode) => Open(mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(FileMode mode, FileAccess access) => Open(mode, access, FileShare.None);

    public FileSystemStream Open(FileMode mode, FileAccess access, FileShare share) => Fs.File.Open(FullPath, mode, access, share);

    public FileSystemStream Open(FileStreamOptions options) => Fs.File.Open(FullPath, options);

    public FileSystemStream OpenRead() => Fs.File.OpenRead(FullPath);

    public FileSystemStream OpenWrite() => Fs.File.OpenWrite(FullPath);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName) =>
        Replace(destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(destinationFileName);
        Fs.File.Replace(FullPath, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
        return new OverlayFileInfo(Fs, destinationFileName);
    }

    /// <summary>As FileInfo.Encrypt on Linux: file encryption is a Windows (EFS) feature.</summary>
    public void Encrypt() =>
        throw IoErrors.NotOnLinux("FileInfo.Encrypt", "file encryption is an NTFS feature");

    /// <summary>As FileInfo.Decrypt on Linux: file encryption is a Windows (EFS) feature.</summary>
    public void Decrypt() =>
        throw IoErrors.NotOnLinux("FileInfo.Decrypt", "file encryption is an NTFS feature");
}
