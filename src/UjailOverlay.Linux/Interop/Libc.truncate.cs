// truncate(2): follows symlinks; only for paths the caller has already resolved.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int truncate(byte* path, long length);
}
