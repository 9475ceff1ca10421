// getdents64(2), through syscall(2): fills buf with linux_dirent64 records; 0 at end of directory.
namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    internal static nint getdents64(int fd, byte* dirp, nuint count) =>
        (nint)syscall(Uapi.SYS_getdents64, fd, (long)dirp, (long)count, 0, 0, 0);
}
