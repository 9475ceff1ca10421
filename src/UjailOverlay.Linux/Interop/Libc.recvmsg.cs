// recvmsg(2). MSG_CMSG_CLOEXEC marks received SCM_RIGHTS descriptors close-on-exec.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint recvmsg(int sockfd, MsgHdr* msg, int flags);
}
