// Attributes, unix modes and times, after FileStatus.Unix.cs. The only attribute that can change on Linux is
// ReadOnly: setting it removes every write bit, clearing it gives the owner write if the owner can read.
// Unix modes and times act on a link's target (chmod(2) and utimensat(2) follow it). Linux has no settable birth
// time: .NET sets the modification time instead, so SetCreationTime is SetLastWriteTime here too.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.FileSystem;

internal sealed partial class Operations
{
    private const FileAttributes ValidAttributes = FileAttributes.Archive | FileAttributes.Compressed | FileAttributes.Device
        | FileAttributes.Directory | FileAttributes.Encrypted | FileAttributes.Hidden | FileAttributes.IntegrityStream
        | FileAttributes.Normal | FileAttributes.NoScrubData | FileAttributes.NotContentIndexed | FileAttributes.Offline
        | FileAttributes.ReadOnly | FileAttributes.ReparsePoint | FileAttributes.SparseFile | FileAttributes.System
        | FileAttributes.Temporary;

    public FileAttributes GetAttributes(string fullPath)
    {
        var attributes = new EntryStatus(_fs).GetAttributes(fullPath, NameOf(fullPath));
        return attributes == (FileAttributes)(-1) ? throw NotFound(fullPath) : attributes;
    }

    public void SetAttributes(EntryStatus status, string fullPath, FileAttributes attributes, bool asDirectory)
    {
        if ((attributes & ~ValidAttributes) != 0)
            throw new ArgumentException("Invalid File or Directory attributes value.", "Attributes");
        if (!status.EntryExists(fullPath))
        {
            status.GetAttributes(fullPath, "", continueOnError: false); // a stat error other than ENOENT wins
            throw NotFound(fullPath);
        }
        var old = status.CachedPermissions;
        var mode = old;
        if ((attributes & FileAttributes.ReadOnly) != 0) mode = EntryStatus.WithoutWrite(mode);
        else if ((mode & UnixFileMode.UserRead) != 0) mode |= UnixFileMode.UserWrite;
        if (mode != old)
        {
            var err = Overlay.Chmod(fullPath, (uint)mode, true, Caller);
            if (err != Errno.OK) throw Fail(err, fullPath, asDirectory);
        }
        status.Invalidate();
    }

    public UnixFileMode GetUnixFileMode(string fullPath)
    {
        var mode = new EntryStatus(_fs).GetUnixFileMode(fullPath);
        return mode == (UnixFileMode)(-1) ? throw NotFound(fullPath) : mode;
    }

    public void SetUnixFileMode(EntryStatus status, string fullPath, UnixFileMode mode)
    {
        if (((int)mode & ~0xFFF) != 0) throw new ArgumentException("Invalid UnixFileMode value.", nameof(UnixFileMode));
        if (!status.EntryExists(fullPath) || status.GetUnixFileMode(fullPath, continueOnError: true) == (UnixFileMode)(-1))
            throw NotFound(fullPath);
        var err = Overlay.Chmod(fullPath, (uint)mode, true, Caller);
        if (err != Errno.OK) throw Fail(err, fullPath);
        status.Invalidate();
    }

    public enum TimeKind { Access, Write }

    /// <summary>utimensat(2) of one time, the other left as it is; the path must exist.</summary>
    public void SetTime(EntryStatus status, string fullPath, TimeKind kind, DateTimeOffset time, bool asDirectory)
    {
        status.Invalidate();
        if (!status.EntryExists(fullPath))
        {
            status.GetAttributes(fullPath, "", continueOnError: false);
            throw NotFound(fullPath);
        }
        var value = TimeUpdate.Set(Times.ToTimespec(time));
        var err = kind == TimeKind.Access
            ? Overlay.Utimens(fullPath, value, TimeUpdate.Omit, true, Caller)
            : Overlay.Utimens(fullPath, TimeUpdate.Omit, value, true, Caller);
        status.Invalidate();
        if (err != Errno.OK) throw Fail(err, fullPath, asDirectory);
    }

    /// <summary>The name .NET derives the Hidden attribute from.</summary>
    internal static string NameOf(string fullPath) =>
        System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(fullPath));
}
