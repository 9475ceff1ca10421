// process_vm_readv(2): copies from another process's memory. A partial transfer stops at the first
// remote iovec that faults, so callers keep each remote iovec within one page.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial nint process_vm_readv(int pid, Iovec* local_iov, ulong liovcnt, Iovec* remote_iov, ulong riovcnt, ulong flags);
}
