// readlinkat(2): with an empty path it reads the symlink an O_PATH|O_NOFOLLOW fd refers to (since 2.6.39).
// The result is not NUL-terminated; a result equal to bufsiz may be truncated.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint readlinkat(int dirfd, byte* pathname, byte* buf, nuint bufsiz);
}
