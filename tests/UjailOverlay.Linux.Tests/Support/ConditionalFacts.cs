// Facts that skip with a visible reason when the machine cannot run them (xunit 2 has no dynamic skip, so
// the condition is evaluated when the attribute is constructed). A skipped test is reported as skipped,
// never as passed.
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Tests.Support;

public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Libc.geteuid() != 0)
            Skip = "needs root (euid 0)";
    }
}

/// <summary>Needs user.* extended attributes on files in the temp directory's filesystem.</summary>
public sealed class UserXattrFactAttribute : FactAttribute
{
    public UserXattrFactAttribute()
    {
        if (!Probe.UserXattrsSupported(out var why))
            Skip = $"user xattrs unsupported in {Path.GetTempPath()}: {why}";
    }
}

/// <summary>Needs root and a working mount(8) to make a bind mount (an alternative spelling of a directory).</summary>
public sealed class BindMountFactAttribute : FactAttribute
{
    public BindMountFactAttribute()
    {
        if (Libc.geteuid() != 0)
            Skip = "bind mounts need root";
        else if (!File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount"))
            Skip = "mount(8) not installed";
    }
}
