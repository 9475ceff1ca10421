// pthread_sigmask(3): the calling thread's signal mask. Returns an error number, not -1/errno.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int pthread_sigmask(int how, void* set, void* oldset);
}
