// struct seccomp_data (linux/seccomp.h): what a seccomp filter and a user notification see. 64 bytes.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct SeccompData
{
    public int nr;
    public uint arch;
    public ulong instruction_pointer;
    public SyscallArgs args;

    public const int Size = 64;
}
