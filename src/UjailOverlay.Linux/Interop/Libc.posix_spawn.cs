// posix_spawn(3): glibc creates the child with clone(CLONE_VM|CLONE_VFORK) and runs only its own
// async-signal-safe code before execve, so no managed code runs in the child. Returns an error number
// (not -1/errno).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int posix_spawn(int* pid, byte* path, void* file_actions, void* attrp, byte** argv, byte** envp);
}
