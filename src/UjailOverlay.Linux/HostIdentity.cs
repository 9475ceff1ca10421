// Who ujail itself runs as, from the system calls (not /proc/self/status, which costs an open, a read of a
// long text and a parse on every start).
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux;

public static class HostIdentity
{
    /// <summary>getuid(2): the user who started ujail.</summary>
    public static uint RealUid => Libc.getuid();
}
