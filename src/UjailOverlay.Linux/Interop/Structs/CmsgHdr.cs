// struct cmsghdr (linux/socket.h): an ancillary-data header, followed by its data at CMSG_DATA (offset 16
// on x86_64). CMSG_ALIGN rounds to sizeof(size_t).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct CmsgHdr
{
    public nuint cmsg_len;
    public int cmsg_level;
    public int cmsg_type;

    public const int Size = 16;

    public static int Align(int len) => (len + 7) & ~7;

    /// <summary>CMSG_LEN: header plus data, unpadded.</summary>
    public static int Len(int dataLen) => Size + dataLen;

    /// <summary>CMSG_SPACE: header plus padded data (what the control buffer must hold).</summary>
    public static int Space(int dataLen) => Size + Align(dataLen);
}
