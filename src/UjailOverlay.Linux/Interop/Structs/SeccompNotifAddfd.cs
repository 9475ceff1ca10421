// struct seccomp_notif_addfd (linux/seccomp.h): SECCOMP_IOCTL_NOTIF_ADDFD installs srcfd (ours) into the
// notifying process. newfd_flags may only be O_CLOEXEC; newfd is used with SECCOMP_ADDFD_FLAG_SETFD. 24 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotifAddfd
{
    public ulong id;
    public uint flags;
    public uint srcfd;
    public uint newfd;
    public uint newfd_flags;

    public const int Size = 24;
}
