// syscall(2): the raw system call entry, for calls glibc 2.36 lacks (seccomp, openat2, newfstatat,
// getdents64 without glibc's buffer handling). glibc declares it variadic; on x86_64 all seven integer
// arguments land where va_arg reads them, so one fixed six-argument signature serves every call.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
}
