// wait4(2): waits for a child (or tracee, with __WALL) and returns its raw status word.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int wait4(int pid, int* wstatus, int options, void* rusage);
}
