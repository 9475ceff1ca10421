// posix_spawnattr_init(3). The object is opaque (336 bytes in glibc 2.36).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawnattr_init(void* attr);
}
