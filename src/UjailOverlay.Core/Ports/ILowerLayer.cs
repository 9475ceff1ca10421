// The read-only lower layer: the host as it is. Paths are absolute virtual paths ("/etc/passwd"); an
// implementation maps them to its root and hides what the jail must not see (the state directory itself).
// Nothing here may modify anything.
namespace UjailOverlay.Core.Ports;

public interface ILowerLayer
{
    /// <summary>lstat(2) of the lower object; never follows a final symlink.</summary>
    Errno Lstat(string path, out NodeStat stat);

    /// <summary>lstat(2) of a path component a lookup is about to descend through (not the final one). An
    /// implementation may answer a directory from a short-lived cache of held directories; the default asks
    /// Lstat.</summary>
    Errno LstatThrough(string path, out NodeStat stat) => Lstat(path, out stat);

    Errno ReadLink(string path, out string target);

    /// <summary>Names in a lower directory, without "." and "..".</summary>
    Errno ListDirectory(string path, out IReadOnlyList<DirEntry> entries);

    Errno ListXattrs(string path, out IReadOnlyList<string> names);

    Errno GetXattr(string path, string name, out byte[] value);

    /// <summary>Opens the lower file for reading (for in-process readers such as the IFileSystem and `ujail cat`).</summary>
    Errno OpenRead(string path, out Stream stream);
}
