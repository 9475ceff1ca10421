// pidfd_getfd(2): duplicates another process's fd into this one (glibc >= 2.36); needs
// PTRACE_MODE_ATTACH_REALCREDS over the target.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int pidfd_getfd(int pidfd, int targetfd, uint flags);
}
