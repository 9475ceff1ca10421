// fchmodat(2). The kernel call has no flags; glibc emulates AT_SYMLINK_NOFOLLOW, so callers here
// chmod an O_PATH fd through /proc/self/fd instead (never a path whose last component may be a symlink).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int fchmodat(int dirfd, byte* pathname, uint mode, int flags);
}
