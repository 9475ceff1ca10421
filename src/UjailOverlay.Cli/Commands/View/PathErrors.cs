// The one table where an errno from the merged view becomes what the user sees: `ujail: /etc/nope: No such file
// or directory` (the strerror(3) text glibc prints, as ls(1) and cat(1) say it) and an exit code: PathNotFound
// for ENOENT, PathError for anything else.
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.View;

internal static class PathErrors
{
    public static CliException For(string path, Errno errno) =>
        new(errno == Errno.ENOENT ? ExitCode.PathNotFound : ExitCode.PathError, $"{path}: {Text(errno)}");

    /// <summary>Throws the CliException for errno unless it is Errno.OK.</summary>
    public static void ThrowIfError(string path, Errno errno)
    {
        if (errno != Errno.OK) throw For(path, errno);
    }

    /// <summary>strerror(3) as glibc words it; the symbolic name for a value this table does not know.</summary>
    public static string Text(Errno errno) => errno switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.EIO => "Input/output error",
        Errno.ENXIO => "No such device or address",
        Errno.EACCES => "Permission denied",
        Errno.EBUSY => "Device or resource busy",
        Errno.ENOTDIR => "Not a directory",
        Errno.EISDIR => "Is a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ELOOP => "Too many levels of symbolic links",
        Errno.ENODATA => "No data available",
        Errno.EOVERFLOW => "Value too large for defined data type",
        Errno.EOPNOTSUPP => "Operation not supported",
        _ => errno.ToString(),
    };
}
