// posix_spawn_file_actions_init(3). The object is opaque (80 bytes in glibc 2.36).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawn_file_actions_init(void* file_actions);
}
