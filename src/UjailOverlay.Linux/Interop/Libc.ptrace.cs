// ptrace(2): the tracer's requests. glibc declares it variadic (request, ...); on x86_64 the SysV ABI
// passes the four integer arguments in the same registers either way, so a fixed signature is exact.
// PEEK* requests are not used (glibc's wrapper rewrites their result), only requests that return 0 or -1.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial long ptrace(int request, int pid, void* addr, void* data);
}
