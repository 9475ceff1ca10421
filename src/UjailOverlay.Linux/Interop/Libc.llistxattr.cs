// llistxattr(2): NUL-separated names; size 0 asks for the size only.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint llistxattr(byte* path, byte* list, nuint size);
}
