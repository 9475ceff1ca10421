// The writable upper tree of a state directory: real files, directories, symlinks and FIFOs at paths that mirror
// the virtual paths. Paths are relative to the upper root, without a leading slash ("etc/passwd"; "" is the root).
// An implementation must act beneath its root only (no symlink followed, no ".." out), and builds new content in
// a work directory before renaming it into place so that a crash never leaves a half-written file in upper/.
namespace UjailOverlay.Core.Ports;

public interface IUpperTree
{
    Errno MakeDirectory(string rel);

    /// <summary>Removes rel and everything beneath it. ENOENT is not an error.</summary>
    Errno RemoveTree(string rel);

    /// <summary>Creates an empty regular file; EEXIST if something is there.</summary>
    Errno CreateFile(string rel);

    /// <summary>Copies the lower file's content to rel (via the work dir) and returns its SHA-256 in hex.</summary>
    Errno CopyUp(string lowerPath, string rel, out string sha256);

    Errno CreateSymlink(string rel, string target);

    Errno CreateFifo(string rel);

    Errno Unlink(string rel);

    /// <summary>renameat2 within the upper tree; flags as in <see cref="RenameFlags"/>.</summary>
    Errno Rename(string from, string to, RenameFlags flags);

    Errno Link(string existing, string newRel);

    Errno Truncate(string rel, long length);

    /// <summary>lstat(2) of the real upper object (size and blocks are the truth for content).</summary>
    Errno Lstat(string rel, out NodeStat stat);

    /// <summary>Sets the real permission bits (the virtual mode lives in the index; the real one only
    /// needs owner rw and the exec bits so the kernel can exec the file).</summary>
    Errno SetRealMode(string rel, uint perm);

    /// <summary>utimensat(2) on the real upper object without following it; null leaves a time as it is.</summary>
    Errno SetTimes(string rel, Timespec? atime, Timespec? mtime);

    Errno OpenRead(string rel, out Stream stream);

    /// <summary>Opens for writing (the in-process IFileSystem); truncate or append as asked.</summary>
    Errno OpenWrite(string rel, bool truncate, bool append, out Stream stream);
}

[Flags]
public enum RenameFlags : uint
{
    None = 0,
    NoReplace = 1, // RENAME_NOREPLACE (linux/fs.h)
    Exchange = 2,  // RENAME_EXCHANGE
    Whiteout = 4,  // RENAME_WHITEOUT
}
