// mknodat(2): FIFOs, sockets and device nodes (dev_t is 64-bit in glibc).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int mknodat(int dirfd, byte* pathname, uint mode, ulong dev);
}
