// The six system call arguments as the kernel stores them (__u64 args[6] in seccomp_data and
// ptrace_syscall_info), as an inline array so the structs that hold them stay blittable without `fixed`.
using System.Runtime.CompilerServices;

namespace UjailOverlay.Linux.Interop;

[InlineArray(6)]
public struct SyscallArgs
{
    private ulong _element0;
}
