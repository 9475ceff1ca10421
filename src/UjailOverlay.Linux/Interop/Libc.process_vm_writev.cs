// process_vm_writev(2): copies into another process's memory (same partial-transfer rule as readv).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint process_vm_writev(int pid, Iovec* local_iov, ulong liovcnt, Iovec* remote_iov, ulong riovcnt, ulong flags);
}
