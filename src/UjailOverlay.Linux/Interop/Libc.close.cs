// close(2). On Linux the descriptor is released even when close reports EINTR, so it is never retried.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int close(int fd);
}
