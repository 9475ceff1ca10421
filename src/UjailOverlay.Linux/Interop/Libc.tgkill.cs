// tgkill(2): sends a signal to one thread of a thread group (glibc >= 2.30).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int tgkill(int tgid, int tid, int sig);
}
