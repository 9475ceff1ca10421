// struct sockaddr_un (linux/un.h): an AF_UNIX address; sun_path is 108 bytes, a leading NUL marks an
// abstract name. 110 bytes.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SockaddrUn
{
    public ushort sun_family;
    public SunPath sun_path;

    public const int Size = 110;
    public const int PathOffset = 2;

    [InlineArray(108)]
    public struct SunPath
    {
        private byte _element0;
    }
}
