// struct seccomp_notif_sizes (linux/seccomp.h): the kernel's sizes of the notification structs, read with
// seccomp(SECCOMP_GET_NOTIF_SIZES, 0, &sizes). 6 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotifSizes
{
    public ushort seccomp_notif;
    public ushort seccomp_notif_resp;
    public ushort seccomp_data;
}
