// The one place an Errno becomes an exception, and where every other I/O exception of this file system is made.
// The mapping is .NET's on Linux (src/libraries/Common/src/Interop/Unix/Interop.IOErrors.cs
// GetExceptionForIoErrno): ENOENT is FileNotFoundException or, when the directory part is what is missing,
// DirectoryNotFoundException; ENOTDIR (a component is not a directory) is DirectoryNotFoundException; EACCES,
// EPERM and EBADF are UnauthorizedAccessException with the errno in an inner IOException; ENAMETOOLONG is
// PathTooLongException; EEXIST and every other errno are IOException whose HResult is the raw errno, as .NET
// reports them. The situations .NET detects itself (a move onto an existing directory, a file that is a
// directory) keep .NET's exception types and its default HResult.
using UjailOverlay.Core;

namespace UjailOverlay.FileSystem;

internal static class IoErrors
{
    /// <summary>The exception .NET throws for <paramref name="errno"/> on <paramref name="path"/>.</summary>
    /// <param name="isDirectory">An ENOENT is about the directory part (or a directory that was asked for).</param>
    public static Exception From(Errno errno, string? path, bool isDirectory = false)
    {
        var hasPath = !string.IsNullOrEmpty(path);
        switch (errno)
        {
            case Errno.ENOENT when isDirectory:
            case Errno.ENOTDIR:
                return hasPath
                    ? new DirectoryNotFoundException($"Could not find a part of the path '{path}'.")
                    : new DirectoryNotFoundException("Could not find a part of the path.");
            case Errno.ENOENT:
                return hasPath
                    ? new FileNotFoundException($"Could not find file '{path}'.", path)
                    : new FileNotFoundException("Unable to find the specified file.");
            case Errno.EACCES or Errno.EPERM or Errno.EBADF:
                return new UnauthorizedAccessException(
                    hasPath ? $"Access to the path '{path}' is denied." : "Access to the path is denied.", WithErrno(errno, null));
            case Errno.ENAMETOOLONG:
                return new PathTooLongException(hasPath
                    ? $"The path '{path}' is too long, or a component of the specified path is too long."
                    : "The specified file name or path is too long, or a component of the specified path is too long.");
            case Errno.EAGAIN:
                return SharingViolation(path);
            case Errno.EFBIG:
                return new ArgumentOutOfRangeException("value", "Specified file length was too large for the file system.");
            case Errno.EEXIST when hasPath:
                return new IOException($"The file '{path}' already exists.", (int)errno);
            default:
                return WithErrno(errno, path);
        }
    }

    /// <summary>As <see cref="From(Errno, string?, bool)"/>, but an ENOENT whose directory part is missing too is
    /// DirectoryNotFoundException, as .NET reports every ENOENT it gets for a path.</summary>
    public static Exception From(Errno errno, string? path, bool isDirectory, Func<string, bool> parentExists) =>
        From(errno, path, isDirectory || (errno == Errno.ENOENT && !string.IsNullOrEmpty(path) && !parentExists(path)));

    /// <summary>A missing path: DirectoryNotFoundException when its directory is missing too (FileSystemInfo.ThrowNotFound).</summary>
    public static Exception NotFound(string path, bool parentExists) => From(Errno.ENOENT, path, isDirectory: !parentExists);

    /// <summary>IOException carrying the errno as HResult and strerror(3)'s text.</summary>
    public static IOException WithErrno(Errno errno, string? path) =>
        new(string.IsNullOrEmpty(path) ? Describe(errno) : $"{Describe(errno)} : '{path}'", (int)errno);

    public static IOException SharingViolation(string? path) => new(
        string.IsNullOrEmpty(path)
            ? "The process cannot access the file because it is being used by another process."
            : $"The process cannot access the file '{path}' because it is being used by another process.",
        (int)Errno.EAGAIN);

    /// <summary>File.Copy onto a directory without overwrite (FileSystem.Unix.cs CopyFile).</summary>
    public static IOException TargetIsDirectory(string path) => new($"The target file '{path}' is a directory, not a file.");

    /// <summary>Directory.Move onto an existing name.</summary>
    public static IOException AlreadyExists(string path) =>
        new($"Cannot create '{path}' because a file or directory with the same name already exists.");

    public static IOException SourceDestMustBeDifferent() => new("Source and destination path must be different.");

    /// <summary>rmdir(2) or rename(2) refused for permission: .NET reports IOException, as Win32 does.</summary>
    public static IOException AccessDeniedIo(string path, Errno? errno = null) => errno is { } e
        ? new IOException($"Access to the path '{path}' is denied.", (int)e)
        : new IOException($"Access to the path '{path}' is denied.");

    /// <summary>Directory.Move of a file given with a trailing separator.</summary>
    public static IOException PathNotFoundIo(string path) => new($"Could not find a part of the path '{path}'.");

    public static UnauthorizedAccessException NotAFile(string path) => new($"The specified path '{path}' is not a file.");

    public static IOException SameFile(string source, string destination) =>
        new($"The source '{source}' and destination '{destination}' are the same file.");

    public static IOException TooManySymbolicLinks(string path) =>
        new($"The link's file system entry '{path}' has too many levels of symbolic links.");

    public static IOException SeekBeforeAppendStart() =>
        new("Unable seek backward to overwrite data that previously existed in a file opened in Append mode.");

    public static IOException SeekBeforeBeginning() =>
        new("An attempt was made to move the position before the beginning of the stream.");

    public static NotSupportedException StreamCannotRead() => new("Stream does not support reading.");

    public static NotSupportedException StreamCannotWrite() => new("Stream does not support writing.");

    /// <summary>A member .NET itself does not support on Linux (file encryption, volume labels).</summary>
    public static PlatformNotSupportedException NotOnLinux(string member, string why) =>
        new($"{member} is not supported on this platform ({why}).");

    /// <summary>A member this file system cannot offer; the message names it and says why.</summary>
    public static NotSupportedException Unsupported(string member, string why) =>
        new($"{member} is not supported by the overlay file system: {why}");

    /// <summary>strerror(3) text for the errnos a file operation can return.</summary>
    public static string Describe(Errno errno) => errno switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.EIO => "Input/output error",
        Errno.ENXIO => "No such device or address",
        Errno.E2BIG => "Argument list too long",
        Errno.EBADF => "Bad file descriptor",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.ENOMEM => "Cannot allocate memory",
        Errno.EACCES => "Permission denied",
        Errno.EBUSY => "Device or resource busy",
        Errno.EEXIST => "File exists",
        Errno.EXDEV => "Invalid cross-device link",
        Errno.ENODEV => "No such device",
        Errno.ENOTDIR => "Not a directory",
        Errno.EISDIR => "Is a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.ETXTBSY => "Text file busy",
        Errno.EFBIG => "File too large",
        Errno.ENOSPC => "No space left on device",
        Errno.ESPIPE => "Illegal seek",
        Errno.EROFS => "Read-only file system",
        Errno.EMLINK => "Too many links",
        Errno.ERANGE => "Numerical result out of range",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ENOSYS => "Function not implemented",
        Errno.ENOTEMPTY => "Directory not empty",
        Errno.ELOOP => "Too many levels of symbolic links",
        Errno.ENODATA => "No data available",
        Errno.EOPNOTSUPP => "Operation not supported",
        Errno.EDQUOT => "Disk quota exceeded",
        _ => errno.ToString(),
    };
}
