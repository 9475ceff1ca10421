// copy_file_range(2): in-kernel copy; returns 0 at end of input (and, for some pseudo files, at once).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint copy_file_range(int fd_in, long* off_in, int fd_out, long* off_out, nuint len, uint flags);
}
