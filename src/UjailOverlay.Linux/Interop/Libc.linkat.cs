// linkat(2): without AT_SYMLINK_FOLLOW a final symlink is linked itself, not its target.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libc.Name, SetLastError = true)]
    internal static partial int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);
}
