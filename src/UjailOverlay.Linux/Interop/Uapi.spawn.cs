// posix_spawnattr flags as glibc defines them (spawn.h; glibc, not the kernel).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const short POSIX_SPAWN_RESETIDS = 0x01, POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSCHEDPARAM = 0x10;
    public const short POSIX_SPAWN_SETSCHEDULER = 0x20, POSIX_SPAWN_USEVFORK = 0x40, POSIX_SPAWN_SETSID = 0x80;
}
