// fcntl(2). Variadic in glibc with at most one argument; every command used here takes an integer.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, long arg);
}
