// IPath over the overlay: System.IO.Path's own (Linux) behaviour through PathWrapper, except the three members
// that consult the file system or the process: GetFullPath resolves against this file system's current directory,
// Exists asks the overlay, and GetTempFileName creates its empty file in the overlay (mkstemp-like, mode 0600).
using System.IO.Abstractions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayPath(OverlayFileSystem fs) : PathWrapper(fs)
{
    public override string GetFullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return fs.GetFullPath(path);
    }

    public override bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path)) return false;
        try
        {
            var full = fs.GetFullPath(path);
            var err = fs.Overlay.Stat(full, true, fs.Caller, out var st);
            if (err != Errno.OK) err = fs.Overlay.Stat(full, false, fs.Caller, out st);
            // Path.Exists: a trailing separator only matches a directory.
            return err == Errno.OK && (!SysPath.EndsInDirectorySeparator(full) || st.IsDirectory);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public override string GetTempFileName()
    {
        var directory = GetTempPath();
        while (true)
        {
            var path = SysPath.Join(directory, "tmp" + SysPath.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)[..6] + ".tmp");
            var err = fs.Overlay.Open(path, OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Exclusive, 0x180, fs.Caller, out _);
            if (err == Errno.EEXIST) continue;
            if (err != Errno.OK) throw IoErrors.From(err, path, isDirectory: err == Errno.ENOENT);
            return path;
        }
    }
}
