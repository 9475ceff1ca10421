// Opening a stream (SafeFileHandle.Unix.cs Open and FileStreamHelpers.ValidateArguments): FileMode and FileAccess
// become open(2) flags for OverlayFs.Open, which copies a file up before any write; the backing it returns is
// opened through the layer's port (upper: OpenRead/OpenWrite, lower: OpenRead). A directory is refused with
// UnauthorizedAccessException as .NET's fstat check does; FileMode.Append seeks to the end and forbids seeking
// back before it; FileOptions.DeleteOnClose unlinks the name when the stream closes. FileShare is not enforced:
// there is no advisory locking between streams of the overlay.
using System.IO.Abstractions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.FileSystem;

internal sealed partial class Operations
{
    /// <summary>SafeFileHandle.DefaultCreateMode: rw for everyone, less the caller's umask.</summary>
    public const UnixFileMode DefaultCreateMode = (UnixFileMode)0x1B6; // 0666

    private const FileOptions KnownOptions = FileOptions.WriteThrough | FileOptions.Asynchronous | FileOptions.RandomAccess
        | FileOptions.DeleteOnClose | FileOptions.SequentialScan | FileOptions.Encrypted | (FileOptions)0x20000000;

    public static void ValidateOpen(FileMode mode, FileAccess access, FileShare share, FileOptions options, int bufferSize = 0)
    {
        if (mode < FileMode.CreateNew || mode > FileMode.Append)
            throw new ArgumentOutOfRangeException(nameof(mode), "Enum value was out of legal range.");
        if (access < FileAccess.Read || access > FileAccess.ReadWrite)
            throw new ArgumentOutOfRangeException(nameof(access), "Enum value was out of legal range.");
        var plainShare = share & ~FileShare.Inheritable;
        if (plainShare < FileShare.None || plainShare > (FileShare.ReadWrite | FileShare.Delete))
            throw new ArgumentOutOfRangeException(nameof(share), "Enum value was out of legal range.");
        if (options != FileOptions.None && (options & ~KnownOptions) != 0)
            throw new ArgumentOutOfRangeException(nameof(options), "Enum value was out of legal range.");
        if (bufferSize < 0)
            throw new ArgumentOutOfRangeException(nameof(bufferSize), "Positive number required.");
        if ((access & FileAccess.Write) == 0 && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
        if ((access & FileAccess.Read) != 0 && mode == FileMode.Append)
            throw new ArgumentException("Append access can be requested only in write-only mode.", nameof(access));
    }

    /// <summary>Opens a stream on a full path; arguments must have been validated.</summary>
    /// <param name="onExists">Replaces the EEXIST exception (File.Copy names a directory target differently).</param>
    public FileSystemStream Open(string fullPath, FileMode mode, FileAccess access, FileOptions options,
        UnixFileMode? createMode = null, Func<Exception?>? onExists = null)
    {
        var flags = access switch
        {
            FileAccess.Read => OpenFlags.ReadOnly,
            FileAccess.Write => OpenFlags.WriteOnly,
            _ => OpenFlags.ReadWrite,
        };
        flags |= mode switch
        {
            FileMode.CreateNew => OpenFlags.Create | OpenFlags.Exclusive,
            FileMode.Create => OpenFlags.Create | OpenFlags.Truncate,
            FileMode.OpenOrCreate or FileMode.Append => OpenFlags.Create,
            FileMode.Truncate => OpenFlags.Truncate,
            _ => 0,
        };
        var perm = (uint)(createMode ?? DefaultCreateMode) & 0x1FF;
        var err = Overlay.Open(fullPath, flags, perm, Caller, out var opened);
        if (err != Errno.OK) throw OpenFailure(err, fullPath, (flags & OpenFlags.Create) != 0, onExists);
        if (opened.Stat.IsDirectory) throw Fail(Errno.EACCES, fullPath);

        var stream = OpenBacking(opened.Backing, access, fullPath);
        long appendStart = 0;
        if (mode == FileMode.Append) appendStart = stream.Seek(0, SeekOrigin.End);
        Action? onClose = (options & FileOptions.DeleteOnClose) != 0 ? () => Overlay.Unlink(fullPath, Caller) : null;
        var limited = new OverlayStream(stream, access, appendStart, onClose);
        return new OverlayFileSystemStream(limited, fullPath, (options & FileOptions.Asynchronous) != 0);
    }

    private Exception OpenFailure(Errno err, string fullPath, bool create, Func<Exception?>? onExists)
    {
        switch (err)
        {
            case Errno.EISDIR:
                return Fail(Errno.EACCES, fullPath);
            case Errno.ENOENT:
                // Creating: the directory is what is missing; opening: blame the directory only if it is missing.
                return Fail(err, fullPath, isDirectory: create || !_fs.ParentExists(fullPath));
            case Errno.EEXIST when onExists?.Invoke() is { } replaced:
                return replaced;
            default:
                return Fail(err, fullPath);
        }
    }

    /// <summary>The real content behind an opened path. Writable opens always land in the upper tree (OverlayFs.Open
    /// copied the file up); a read-write stream works on a copy of the content written back on flush, because the
    /// upper tree hands out read-only and write-only streams.</summary>
    private Stream OpenBacking(Backing backing, FileAccess access, string fullPath)
    {
        Stream stream;
        Errno err;
        switch (backing.Kind)
        {
            case BackingKind.Upper when access == FileAccess.Read:
                err = Overlay.Upper.OpenRead(backing.Path, out stream);
                break;
            case BackingKind.Upper when access == FileAccess.Write:
                err = Overlay.Upper.OpenWrite(backing.Path, truncate: false, append: false, out stream);
                break;
            case BackingKind.Upper:
                err = ReadAll(backing.Path, out var content);
                stream = err == Errno.OK ? new WriteBackStream(content, () => OpenUpperForRewrite(backing.Path, fullPath)) : Stream.Null;
                break;
            case BackingKind.Lower when access == FileAccess.Read:
            case BackingKind.Pseudo when access == FileAccess.Read:
                err = Overlay.Lower.OpenRead(backing.Path, out stream);
                break;
            case BackingKind.Pseudo:
                throw IoErrors.Unsupported("Writing to " + fullPath,
                    "it is a host device or a pass-through (kernel interface) file that only the jail engine may open for writing");
            case BackingKind.VirtualDevice:
                throw IoErrors.Unsupported("Opening " + fullPath, "it is a device node that exists only in the overlay");
            default:
                throw new InvalidOperationException($"OverlayFs returned a {backing.Kind} backing for a writable open of {fullPath}");
        }
        if (err != Errno.OK) throw Fail(err, fullPath);
        return stream;
    }

    private Errno ReadAll(string upperRel, out byte[] content)
    {
        content = Array.Empty<byte>();
        var err = Overlay.Upper.OpenRead(upperRel, out var source);
        if (err != Errno.OK) return err;
        using (source)
        {
            var buffer = new MemoryStream();
            source.CopyTo(buffer);
            content = buffer.ToArray();
        }
        return Errno.OK;
    }

    private Stream OpenUpperForRewrite(string upperRel, string fullPath)
    {
        var err = Overlay.Upper.OpenWrite(upperRel, truncate: true, append: false, out var stream);
        return err == Errno.OK ? stream : throw Fail(err, fullPath);
    }
}
