// posix_spawn_file_actions_adddup2(3): dup2(fildes, newfildes) in the child; when both are equal
// glibc (>= 2.29, bug 23640) clears FD_CLOEXEC instead.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawn_file_actions_adddup2(void* file_actions, int fildes, int newfildes);
}
