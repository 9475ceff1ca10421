// sendto(2).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint sendto(int sockfd, byte* buf, nuint len, int flags, byte* destAddr, uint addrlen);
}
