// openat(2). mode is read by the kernel only with O_CREAT or O_TMPFILE.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int openat(int dirfd, byte* pathname, int flags, uint mode);
}
