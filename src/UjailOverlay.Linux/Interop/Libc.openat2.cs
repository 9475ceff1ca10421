// openat2(2), through syscall(2): glibc 2.36 has no wrapper. `how` carries flags, mode and RESOLVE_* bits;
// mode must be 0 unless O_CREAT or O_TMPFILE is set (else EINVAL), and unknown bits are rejected (E2BIG/EINVAL).
namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    internal static int openat2(int dirfd, byte* pathname, OpenHow* how) =>
        (int)syscall(Uapi.SYS_openat2, dirfd, (long)pathname, (long)how, sizeof(OpenHow), 0, 0);
}
