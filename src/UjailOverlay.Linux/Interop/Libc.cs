// The C library every P/Invoke of this project binds to, and the one place an errno is read.
// "libc" is resolved by the runtime to glibc's libc.so.6 on Linux; NativeAOT can bind it at build time with
// <DirectPInvoke Include="libc" /> (engine-notes.md §5: first-call binding must not happen under a filter).
using System.Runtime.InteropServices;
using UjailOverlay.Core;

namespace UjailOverlay.Linux.Interop;

internal static partial class Libc
{
    internal const string Name = "libc";

    /// <summary>The errno the last <c>SetLastError = true</c> call left (0 becomes EIO: a failure with no
    /// errno is a bug in the caller's reading of the return value, not a success).</summary>
    internal static Errno LastErrno()
    {
        int e = Marshal.GetLastPInvokeError();
        return e == 0 ? Errno.EIO : (Errno)e;
    }

    /// <summary>-1 → the last errno; anything else → OK.</summary>
    internal static Errno Check(long rc) => rc == -1 ? LastErrno() : Errno.OK;

    /// <summary>For functions that return an error number instead of setting errno (posix_spawn, pthread_*).</summary>
    internal static Errno FromErrorNumber(int rc) => (Errno)rc;
}
