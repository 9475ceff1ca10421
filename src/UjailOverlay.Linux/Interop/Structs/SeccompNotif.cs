// struct seccomp_notif (linux/seccomp.h): one notification read with SECCOMP_IOCTL_NOTIF_RECV. 80 bytes.
// Must be all zero before RECV (else EINVAL). `pid` is the caller's thread id in the listener's pid
// namespace; 0 when the caller is not visible there.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotif
{
    public ulong id;
    public uint pid;
    public uint flags;
    public SeccompData data;

    public const int Size = 80;
}
