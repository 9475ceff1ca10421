// File-level namespace operations, after FileSystem.Unix.cs: DeleteFile (unlink; a missing file is fine unless its
// directory is missing too; a directory is "access denied"), CopyFile (content, then the source's permission bits
// and times as SystemNative_CopyFile does), MoveFile (rename(2); without overwrite a RENAME_NOREPLACE rename,
// which is what .NET's link+unlink amounts to) and ReplaceFile (File.Replace's checks, an optional backup by
// hard link, then rename).
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Ports;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed partial class Operations
{
    public void DeleteFile(string fullPath)
    {
        var err = Overlay.Unlink(fullPath, Caller);
        switch (err)
        {
            case Errno.OK:
                return;
            case Errno.ENOENT:
                var directory = SysPath.GetDirectoryName(fullPath);
                if (!string.IsNullOrEmpty(directory) && !_fs.DirectoryExists(directory))
                    throw Fail(err, fullPath, isDirectory: true);
                return;
            case Errno.EISDIR:
                throw Fail(Errno.EACCES, fullPath);
            default:
                throw Fail(err, fullPath);
        }
    }

    public void CopyFile(string source, string destination, bool overwrite)
    {
        using var from = Open(source, FileMode.Open, FileAccess.Read, FileOptions.None);
        var err = Overlay.Stat(source, true, Caller, out var sourceStat);
        if (err != Errno.OK) throw Fail(err, source);
        // .NET's FileShare.None open of the destination fails on the source's lock when both are one file.
        if (overwrite && Overlay.Stat(destination, true, Caller, out var existing) == Errno.OK
            && existing.Dev == sourceStat.Dev && existing.Ino == sourceStat.Ino)
            throw IoErrors.SharingViolation(destination);

        var permissions = (UnixFileMode)(sourceStat.Permissions & 0x1FF);
        using (var to = Open(destination, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileOptions.None,
                   permissions, onExists: () => _fs.DirectoryExists(destination) ? IoErrors.TargetIsDirectory(destination) : null))
        {
            from.CopyTo(to);
        }
        // Like SystemNative_CopyFile: permission bits and times follow the source (failures there are not fatal).
        Overlay.Chmod(destination, sourceStat.Permissions & 0x1FF, true, Caller);
        Overlay.Utimens(destination, TimeUpdate.Set(sourceStat.Atime), TimeUpdate.Set(sourceStat.Mtime), true, Caller);
    }

    public void MoveFile(string source, string destination, bool overwrite)
    {
        if (!_fs.FileExists(source))
            throw IoErrors.From(Errno.ENOENT, source); // File.Move blames the source, whatever its directory
        var err = Overlay.Rename(source, destination, overwrite ? RenameFlags.None : RenameFlags.NoReplace, Caller);
        switch (err)
        {
            case Errno.OK:
                return;
            case Errno.ENOENT when !_fs.ParentExists(destination):
                throw Fail(err, destination, isDirectory: true);
            case Errno.ENOENT:
                throw Fail(err, overwrite ? destination : source);
            default:
                throw Fail(err, destination);
        }
    }

    public void ReplaceFile(string source, string destination, string? backup)
    {
        var err = Overlay.Stat(source, false, Caller, out var sourceStat);
        if (err != Errno.OK) throw Fail(err, source);
        if (sourceStat.IsDirectory) throw IoErrors.NotAFile(source);
        if (Overlay.Stat(destination, false, Caller, out var destinationStat) == Errno.OK)
        {
            if (destinationStat.IsDirectory) throw IoErrors.NotAFile(destination);
            if (destinationStat.Dev == sourceStat.Dev && destinationStat.Ino == sourceStat.Ino)
                throw IoErrors.SameFile(source, destination);
        }
        if (backup is not null)
        {
            err = Overlay.Unlink(backup, Caller);
            if (err is not (Errno.OK or Errno.ENOENT)) throw Fail(err, backup);
            LinkOrCopy(destination, backup);
        }
        else
        {
            err = Overlay.Stat(destination, true, Caller, out _);
            if (err == Errno.ENOENT) throw Fail(err, destination);
        }
        err = Overlay.Rename(source, destination, RenameFlags.None, Caller);
        if (err != Errno.OK) throw Fail(err, destination);
    }

    /// <summary>A hard link, or a copy where links cannot be made (FileSystem.Unix.cs LinkOrCopyFile).</summary>
    private void LinkOrCopy(string existing, string newPath)
    {
        var err = Overlay.Link(existing, newPath, false, Caller);
        switch (err)
        {
            case Errno.OK:
                return;
            case Errno.EXDEV or Errno.EACCES or Errno.EPERM or Errno.EOPNOTSUPP or Errno.EMLINK or Errno.ENOSYS:
                CopyFile(existing, newPath, overwrite: false);
                return;
            case Errno.ENOENT when !_fs.ParentExists(newPath):
                throw Fail(err, newPath, isDirectory: true);
            case Errno.ENOENT:
                throw Fail(err, existing);
            case Errno.EEXIST:
                throw Fail(err, newPath);
            default:
                throw Fail(err, null);
        }
    }
}
