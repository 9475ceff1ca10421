// prctl(2): process controls (PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG, ...). Variadic in glibc; the four
// trailing unsigned longs are what the kernel reads on x86_64.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
