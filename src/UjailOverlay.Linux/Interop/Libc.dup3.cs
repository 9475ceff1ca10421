// dup3(2): duplicates oldfd onto newfd with O_CLOEXEC optional.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int dup3(int oldfd, int newfd, int flags);
}
