// posix_spawnattr_setsigdefault(3): signals whose disposition the child resets to SIG_DFL.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawnattr_setsigdefault(void* attr, void* sigdefault);
}
