// lseek(2). On a directory fd, lseek(fd, 0, SEEK_SET) rewinds getdents64.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial long lseek(int fd, long offset, int whence);
}
