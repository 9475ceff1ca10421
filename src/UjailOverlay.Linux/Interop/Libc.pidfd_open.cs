// pidfd_open(2): a file descriptor that refers to a process (glibc >= 2.36).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int pidfd_open(int pid, uint flags);
}
