// seccomp(2), through syscall(2): glibc 2.36 has no wrapper. Operations SECCOMP_SET_MODE_FILTER (args: a
// sock_fprog) and SECCOMP_GET_NOTIF_SIZES (args: a seccomp_notif_sizes).
namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    internal static int seccomp(uint operation, uint flags, void* args) =>
        (int)syscall(Uapi.SYS_seccomp, operation, flags, (long)args, 0, 0, 0);
}
