// ptrace requests, options, events and syscall-info ops (linux/ptrace.h; PTRACE_GETREGS/SETREGS from
// asm/ptrace-abi.h for x86_64). Names are the kernel's so the code reads like ptrace(2).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const int PTRACE_TRACEME = 0, PTRACE_CONT = 7, PTRACE_KILL = 8, PTRACE_SINGLESTEP = 9;
    public const int PTRACE_GETREGS = 12, PTRACE_SETREGS = 13, PTRACE_ATTACH = 16, PTRACE_DETACH = 17;
    public const int PTRACE_SYSCALL = 24;
    public const int PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201;
    public const int PTRACE_GETSIGINFO = 0x4202, PTRACE_SETSIGINFO = 0x4203;
    public const int PTRACE_SEIZE = 0x4206, PTRACE_INTERRUPT = 0x4207, PTRACE_LISTEN = 0x4208;
    public const int PTRACE_GET_SYSCALL_INFO = 0x420e;

    public const uint PTRACE_O_TRACESYSGOOD = 1, PTRACE_O_TRACEFORK = 2, PTRACE_O_TRACEVFORK = 4;
    public const uint PTRACE_O_TRACECLONE = 8, PTRACE_O_TRACEEXEC = 0x10, PTRACE_O_TRACEVFORKDONE = 0x20;
    public const uint PTRACE_O_TRACEEXIT = 0x40, PTRACE_O_TRACESECCOMP = 0x80;
    public const uint PTRACE_O_EXITKILL = 0x100000, PTRACE_O_SUSPEND_SECCOMP = 0x200000;

    /// <summary>Event numbers, found in bits 16..23 of a stopped wait status (status &gt;&gt; 16).</summary>
    public const int PTRACE_EVENT_FORK = 1, PTRACE_EVENT_VFORK = 2, PTRACE_EVENT_CLONE = 3, PTRACE_EVENT_EXEC = 4;
    public const int PTRACE_EVENT_VFORK_DONE = 5, PTRACE_EVENT_EXIT = 6, PTRACE_EVENT_SECCOMP = 7;
    public const int PTRACE_EVENT_STOP = 128;

    /// <summary>ptrace_syscall_info.op.</summary>
    public const byte PTRACE_SYSCALL_INFO_NONE = 0, PTRACE_SYSCALL_INFO_ENTRY = 1;
    public const byte PTRACE_SYSCALL_INFO_EXIT = 2, PTRACE_SYSCALL_INFO_SECCOMP = 3;
}
