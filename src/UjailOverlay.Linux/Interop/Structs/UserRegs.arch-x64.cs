// struct user_regs_struct for x86_64 (sys/user.h; the kernel's struct pt_regs order, asm/ptrace.h): what
// PTRACE_GETREGS/SETREGS copy. 216 bytes; rax at 80, orig_rax at 120. System call arguments are in rdi, rsi,
// rdx, r10, r8, r9; at a seccomp or syscall-entry stop orig_rax holds the number and rax -ENOSYS; setting
// orig_rax to -1 skips the call and rax becomes its result (engine-notes.md §1).
using System.Runtime.InteropServices;

namespace UjailOverlay.Linux.Interop;

[StructLayout(LayoutKind.Sequential)]
public struct UserRegs
{
    public ulong r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    public ulong rax, rcx, rdx, rsi, rdi, orig_rax;
    public ulong rip, cs, eflags, rsp, ss;
    public ulong fs_base, gs_base, ds, es, fs, gs;

    public const int Size = 216;

    /// <summary>System call argument i (0..5) in the x86_64 syscall convention.</summary>
    public readonly ulong GetArg(int i) => i switch
    {
        0 => rdi, 1 => rsi, 2 => rdx, 3 => r10, 4 => r8, 5 => r9,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public void SetArg(int i, ulong value)
    {
        switch (i)
        {
            case 0: rdi = value; break;
            case 1: rsi = value; break;
            case 2: rdx = value; break;
            case 3: r10 = value; break;
            case 4: r8 = value; break;
            case 5: r9 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(i));
        }
    }
}
