// struct seccomp_notif_resp (linux/seccomp.h): the answer sent with SECCOMP_IOCTL_NOTIF_SEND. 24 bytes.
// `error` is a negative errno (0 for success, then `val` is the return value); with
// SECCOMP_USER_NOTIF_FLAG_CONTINUE both must be 0.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotifResp
{
    public ulong id;
    public long val;
    public int error;
    public uint flags;

    public const int Size = 24;
}
