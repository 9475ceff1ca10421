// utimensat(2): times[0] is atime, times[1] mtime; UTIME_NOW / UTIME_OMIT in tv_nsec.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int utimensat(int dirfd, byte* pathname, KernelTimespec* times, int flags);
}
