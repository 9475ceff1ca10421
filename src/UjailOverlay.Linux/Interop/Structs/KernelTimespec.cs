// struct timespec as the x86_64 kernel and glibc lay it out (linux/time_types.h __kernel_timespec):
// for utimensat/futimens. 16 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct KernelTimespec
{
    public long tv_sec;
    public long tv_nsec;
}
