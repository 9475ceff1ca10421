// The identity a file operation is checked with: the caller's filesystem uid/gid, supplementary groups and
// whether it holds the capabilities root has over files (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
// CAP_CHOWN, CAP_FSETID, CAP_MKNOD). Linux checks with fsuid/fsgid (credentials(7)).
namespace UjailOverlay.Core;

public sealed record Credentials(uint Uid, uint Gid, IReadOnlyList<uint> Groups, bool FileCapabilities)
{
    public static Credentials Root { get; } = new(0, 0, Array.Empty<uint>(), true);

    public static Credentials User(uint uid, uint gid, params uint[] groups) => new(uid, gid, groups, false);

    public bool InGroup(uint gid) => Gid == gid || Groups.Contains(gid);
}
