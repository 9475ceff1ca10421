// posix_spawnattr_setsigmask(3): the child's signal mask (a 128-byte glibc sigset_t).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawnattr_setsigmask(void* attr, void* sigmask);
}
