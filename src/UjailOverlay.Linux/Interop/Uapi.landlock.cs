// Landlock (linux/landlock.h): the parts the jail uses, ABI 6's IPC scoping.
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const uint LANDLOCK_CREATE_RULESET_VERSION = 1u << 0;
    public const ulong LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET = 1ul << 0;
    public const ulong LANDLOCK_SCOPE_SIGNAL = 1ul << 1;

    /// <summary>struct landlock_ruleset_attr as of ABI 6 (handled_access_fs, handled_access_net, scoped).</summary>
    public struct LandlockRulesetAttr
    {
        public ulong HandledAccessFs;
        public ulong HandledAccessNet;
        public ulong Scoped;
    }
}
