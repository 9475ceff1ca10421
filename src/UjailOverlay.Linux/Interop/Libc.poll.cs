// poll(2): waits for events on file descriptors.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int poll(PollFd* fds, ulong nfds, int timeout);
}
