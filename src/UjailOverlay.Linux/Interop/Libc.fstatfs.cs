// fstatfs(2). glibc's struct statfs has the kernel's x86_64 layout.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int fstatfs(int fd, Statfs* buf);
}
