// struct pollfd (asm-generic/poll.h). 8 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct PollFd
{
    public int fd;
    public short events;
    public short revents;
}
