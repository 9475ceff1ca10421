// statx(2) (glibc >= 2.28).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int statx(int dirfd, byte* pathname, int flags, uint mask, Statx* statxbuf);
}
