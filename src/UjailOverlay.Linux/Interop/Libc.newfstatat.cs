// newfstatat(2) (fstatat on x86_64), through syscall(2) so the kernel's struct stat is filled directly:
// AT_SYMLINK_NOFOLLOW for lstat semantics, AT_EMPTY_PATH with "" for fstat of the fd itself.
namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    internal static int newfstatat(int dirfd, byte* pathname, Stat* statbuf, int flags) =>
        (int)syscall(Uapi.SYS_newfstatat, dirfd, (long)pathname, (long)statbuf, flags, 0, 0);
}
