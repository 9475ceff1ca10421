// inotify_add_watch(2): adds a watch on a path to an inotify instance.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int inotify_add_watch(int fd, byte* pathname, uint mask);
}
