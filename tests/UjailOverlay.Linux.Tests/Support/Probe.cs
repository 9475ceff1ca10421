// Capability probes for conditional facts.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Tests.Support;

internal static unsafe class Probe
{
    public static bool UserXattrsSupported(out string why)
    {
        using var dir = new TempDir();
        var file = dir.File("probe", "x");
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(file + "\0"))
        fixed (byte* n = "user.probe\0"u8)
        fixed (byte* v = "1"u8)
        {
            if (Libc.lsetxattr(p, n, v, 1, 0) == 0)
            {
                why = "";
                return true;
            }
            why = Libc.LastErrno().ToString();
            return false;
        }
    }
}
