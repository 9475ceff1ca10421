// pread(2) (the 64-bit-offset entry point; identical to pread on x86_64).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, EntryPoint = "pread64", SetLastError = true)]
    internal static partial nint pread(int fd, byte* buf, nuint count, long offset);
}
