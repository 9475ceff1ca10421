// ioctl(2): device control. Variadic in glibc with one trailing argument; two shapes are declared: a
// pointer argument (SECCOMP_IOCTL_NOTIF_RECV/SEND/ID_VALID/ADDFD) and a value argument
// (SECCOMP_IOCTL_NOTIF_SET_FLAGS reads its flags from the argument itself: kernel/seccomp.c).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int ioctl(int fd, ulong request, void* arg);

    [LibraryImport(Libc.Name, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int ioctl_value(int fd, ulong request, ulong arg);
}
