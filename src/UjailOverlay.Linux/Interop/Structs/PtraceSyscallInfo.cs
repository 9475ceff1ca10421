// struct ptrace_syscall_info (linux/ptrace.h), filled by PTRACE_GET_SYSCALL_INFO (kernel 5.3). The union
// after stack_pointer is entry {nr, args[6]}, exit {rval, is_error} or seccomp {nr, args[6], ret_data};
// `op` says which. 88 bytes. `arch` is what to trust for the ABI (threat-model.md §2 (d)), and ret_data is
// tracee-controllable when another RET_TRACE filter is stacked: never decide on it.
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Explicit, Size = 88)]
public struct PtraceSyscallInfo
{
    [FieldOffset(0)] public byte op;
    [FieldOffset(4)] public uint arch;
    [FieldOffset(8)] public ulong instruction_pointer;
    [FieldOffset(16)] public ulong stack_pointer;

    /// <summary>entry.nr or seccomp.nr.</summary>
    [FieldOffset(24)] public ulong nr;
    /// <summary>entry.args or seccomp.args.</summary>
    [FieldOffset(32)] public SyscallArgs args;
    [FieldOffset(80)] public uint ret_data;

    /// <summary>exit.rval (overlays nr).</summary>
    [FieldOffset(24)] public long rval;
    /// <summary>exit.is_error (overlays args[0]).</summary>
    [FieldOffset(32)] public byte is_error;

    public const int Size = 88;
}
