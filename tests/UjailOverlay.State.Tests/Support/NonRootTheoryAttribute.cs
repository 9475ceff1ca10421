// A theory that only means something without root: root passes every permission check (capabilities(7),
// CAP_DAC_OVERRIDE), so a chmod 000 test run as root would pass without testing anything. It is skipped,
// with that reason, instead.
using Xunit;

namespace UjailOverlay.State.Tests.Support;

internal sealed class NonRootTheoryAttribute : TheoryAttribute
{
    public NonRootTheoryAttribute()
    {
        if (Environment.IsPrivilegedProcess)
            Skip = "running as root, which bypasses permission bits; the ENOTDIR test covers Unreadable here";
    }
}
