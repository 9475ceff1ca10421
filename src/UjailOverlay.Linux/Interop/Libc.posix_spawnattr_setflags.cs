// posix_spawnattr_setflags(3): POSIX_SPAWN_SETSIGDEF, POSIX_SPAWN_SETSIGMASK, ...
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawnattr_setflags(void* attr, short flags);
}
