// struct msghdr (sys/socket.h; the kernel's struct user_msghdr, linux/socket.h) for sendmsg/recvmsg.
// 56 bytes on x86_64.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct MsgHdr
{
    public nint msg_name;
    public uint msg_namelen;
    public nint msg_iov;
    public nuint msg_iovlen;
    public nint msg_control;
    public nuint msg_controllen;
    public int msg_flags;

    public const int Size = 56;
}
