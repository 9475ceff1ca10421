// struct sock_fprog (linux/filter.h): a BPF program for seccomp(SECCOMP_SET_MODE_FILTER). 16 bytes on
// x86_64 (len, 6 bytes of padding, the pointer).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SockFprog
{
    public ushort len;
    /// <summary>struct sock_filter *, pinned by the caller for the duration of the call.</summary>
    public nint filter;

    public const int Size = 16;
}
