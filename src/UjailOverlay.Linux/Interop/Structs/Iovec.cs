// struct iovec (linux/uio.h): a buffer for readv/writev, process_vm_*v and msghdr. 16 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct Iovec
{
    public nint iov_base;
    public nuint iov_len;
}
