// open_how.resolve flags (linux/openat2.h; openat2(2)).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const ulong RESOLVE_NO_XDEV = 0x01, RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04;
    public const ulong RESOLVE_BENEATH = 0x08, RESOLVE_IN_ROOT = 0x10, RESOLVE_CACHED = 0x20;
}
