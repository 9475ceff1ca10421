// futimens(3): utimensat on an fd.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int futimens(int fd, KernelTimespec* times);
}
