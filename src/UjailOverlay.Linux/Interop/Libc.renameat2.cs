// renameat2(2) (glibc >= 2.28): RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);
}
