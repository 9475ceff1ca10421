// execve(2). Only for a process that runs no other thread's managed code afterwards (re-exec).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int execve(byte* pathname, byte** argv, byte** envp);
}
