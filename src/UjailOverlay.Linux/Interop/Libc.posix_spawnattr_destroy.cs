// posix_spawnattr_destroy(3).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawnattr_destroy(void* attr);
}
