// poll(2) event bits (asm-generic/poll.h).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const short POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
}
