// close_range(2): closes or marks close-on-exec a range of descriptors (glibc >= 2.34).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int close_range(uint first, uint last, int flags);
}
