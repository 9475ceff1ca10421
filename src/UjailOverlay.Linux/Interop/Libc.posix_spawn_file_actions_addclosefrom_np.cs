// posix_spawn_file_actions_addclosefrom_np(3) (glibc >= 2.34): closes every fd >= from in the child
// (close_range underneath), so descriptors the parent left without FD_CLOEXEC do not leak into it.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawn_file_actions_addclosefrom_np(void* file_actions, int from);
}
