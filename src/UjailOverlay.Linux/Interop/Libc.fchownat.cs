// fchownat(2): AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH supported by the kernel.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int fchownat(int dirfd, byte* pathname, uint owner, uint group, int flags);
}
