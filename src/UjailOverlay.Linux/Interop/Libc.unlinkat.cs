// unlinkat(2): removes a name (AT_REMOVEDIR for directories); never follows a final symlink.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int unlinkat(int dirfd, byte* pathname, int flags);
}
