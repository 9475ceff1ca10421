// umask(2): sets the mask and returns the old one (there is no read-only query; /proc/PID/status has Umask).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial uint umask(uint mask);
}
