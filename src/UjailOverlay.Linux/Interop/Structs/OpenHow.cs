// struct open_how (linux/openat2.h): the openat2(2) argument. 24 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct OpenHow
{
    public ulong flags;
    public ulong mode;
    public ulong resolve;

    public const int Size = 24;
}
