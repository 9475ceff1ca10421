// posix_spawn_file_actions_addclose(3): close(fd) in the child; glibc ignores EBADF for an fd in range
// that is not open.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawn_file_actions_addclose(void* file_actions, int fd);
}
