// Directory-level operations, after FileSystem.Unix.cs and Directory.cs: CreateDirectory (mkdir, then the missing
// parents bottom-up and the directories top-down; an existing directory is fine), RemoveDirectory (a link to a
// directory is unlinked, not followed; recursion deletes entries depth-first; rmdir's permission errors surface
// as IOException like Win32's) and MoveDirectory (Directory.Move's checks, then rename(2)).
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed partial class Operations
{
    /// <summary>Permissions of a new directory before the umask (Interop.Sys.Permissions.Mask, 0777).</summary>
    public const UnixFileMode DirectoryCreateMode = (UnixFileMode)0x1FF;

    public void CreateDirectory(string fullPath, UnixFileMode mode = DirectoryCreateMode)
    {
        var target = OverlayFileSystem.CanonicalDirectory(fullPath);
        if (target == "/") return;
        var perm = (uint)mode & 0xFFF;
        var err = Overlay.Mkdir(target, perm, Caller);
        if (err == Errno.OK || (err == Errno.EEXIST && _fs.DirectoryExists(target))) return;
        if (err != Errno.ENOENT) throw Fail(err, fullPath, isDirectory: true);

        // Some ancestors are missing: find them bottom-up, then create them top-down.
        var missing = new Stack<string>();
        missing.Push(target);
        for (var parent = SysPath.GetDirectoryName(target); parent is not null && parent != "/"; parent = SysPath.GetDirectoryName(parent))
        {
            err = Overlay.Mkdir(parent, perm, Caller);
            if (err == Errno.OK || err == Errno.EEXIST) break;
            if (err != Errno.ENOENT) throw Fail(err, parent, isDirectory: true);
            missing.Push(parent);
        }
        while (missing.TryPop(out var path))
        {
            err = Overlay.Mkdir(path, perm, Caller);
            if (err == Errno.OK) continue;
            if (err == Errno.EEXIST && (missing.Count > 0 || _fs.DirectoryExists(path))) continue;
            throw Fail(err, path, isDirectory: true);
        }
    }

    public void RemoveDirectory(string fullPath, bool recursive)
    {
        if (!new EntryStatus(_fs).Exists(fullPath, asDirectory: true))
            throw Fail(Errno.ENOENT, fullPath, isDirectory: true);
        RemoveDirectory(fullPath, recursive, topLevel: true);
    }

    private void RemoveDirectory(string fullPath, bool recursive, bool topLevel)
    {
        var status = new EntryStatus(_fs);
        if (status.IsSymbolicLink(fullPath, continueOnError: true))
        {
            DeleteFile(fullPath);
            return;
        }
        Errno err;
        if (recursive)
        {
            err = Overlay.ListDirectory(fullPath, Caller, out var entries);
            if (err != Errno.OK) throw Fail(err, fullPath, isDirectory: true);
            foreach (var entry in entries)
            {
                var child = SysPath.Join(fullPath, entry.Name);
                if (new EntryStatus(_fs).Exists(child, asDirectory: true)) RemoveDirectory(child, true, topLevel: false);
                else DeleteFile(child);
            }
        }
        err = Overlay.Rmdir(fullPath, Caller);
        switch (err)
        {
            case Errno.OK:
                return;
            case Errno.EACCES or Errno.EPERM or Errno.EROFS or Errno.EISDIR:
                throw IoErrors.AccessDeniedIo(fullPath);
            case Errno.ENOENT when !topLevel:
                return;
            default:
                throw Fail(err, fullPath, isDirectory: true);
        }
    }

    public void MoveDirectory(string source, string destination)
    {
        var sourceWithSeparator = EnsureTrailingSeparator(source);
        var destinationWithSeparator = EnsureTrailingSeparator(destination);
        if (string.Equals(sourceWithSeparator, destinationWithSeparator, StringComparison.Ordinal))
            throw IoErrors.SourceDestMustBeDifferent();
        if (!_fs.DirectoryExists(source) && !_fs.FileExists(source))
            throw Fail(Errno.ENOENT, source, isDirectory: true);
        if (_fs.DirectoryExists(destination))
            throw IoErrors.AlreadyExists(destination);

        if (_fs.FileExists(source))
        {
            // A file moves too, but not one named with a trailing separator; the destination's is ignored.
            if (SysPath.EndsInDirectorySeparator(source)) throw IoErrors.PathNotFoundIo(source);
            destination = SysPath.TrimEndingDirectorySeparator(destination);
        }
        if (_fs.FileExists(destination)) throw IoErrors.AlreadyExists(destination);

        var err = Overlay.Rename(source, destination, RenameFlags.None, Caller);
        switch (err)
        {
            case Errno.OK:
                return;
            case Errno.EACCES:
                throw IoErrors.AccessDeniedIo(source, err);
            default:
                throw Fail(err, source, isDirectory: true);
        }
    }

    /// <summary>Directory.SetCurrentDirectory: the directory must exist and be searchable; the stored form is
    /// canonical, as getcwd(3) reports it after chdir(2).</summary>
    public void SetCurrentDirectory(string fullPath)
    {
        var err = Overlay.Stat(fullPath, true, Caller, out var st);
        if (err == Errno.OK && !st.IsDirectory) err = Errno.ENOTDIR;
        if (err == Errno.OK) err = Overlay.Access(fullPath, Core.Overlay.AccessMask.Execute, true, Caller);
        var canonical = fullPath;
        if (err == Errno.OK) err = Overlay.RealPath(fullPath, Caller, out canonical);
        if (err != Errno.OK) throw Fail(err, fullPath, isDirectory: true);
        _fs.CurrentDirectory = canonical;
    }

    private static string EnsureTrailingSeparator(string path) => SysPath.EndsInDirectorySeparator(path) ? path : path + "/";
}
