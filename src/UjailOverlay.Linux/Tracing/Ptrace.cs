// The tracer's ptrace(2) requests, each returning an Errno. Every request must come from the thread that
// seized the tracee (else ESRCH): call these from one dedicated OS thread only (engine-notes.md §3).
// Seized tracees report group-stops as PTRACE_EVENT_STOP, resumed with Listen (ptrace(2), "Group-stop").
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

public static unsafe class Ptrace
{
    /// <summary>PTRACE_SEIZE with PTRACE_O_* options; the tracee keeps running.</summary>
    public static Errno Seize(int pid, uint options) => Call(PTRACE_SEIZE, pid, 0, options);

    /// <summary>PTRACE_INTERRUPT: stop a seized tracee (reported as PTRACE_EVENT_STOP).</summary>
    public static Errno Interrupt(int pid) => Call(PTRACE_INTERRUPT, pid, 0, 0);

    /// <summary>PTRACE_LISTEN: leave a group-stopped tracee stopped but let it report further events.</summary>
    public static Errno Listen(int pid) => Call(PTRACE_LISTEN, pid, 0, 0);

    /// <summary>PTRACE_CONT, delivering sig (0 for none).</summary>
    public static Errno Cont(int pid, int sig) => Call(PTRACE_CONT, pid, 0, (ulong)sig);

    /// <summary>PTRACE_SYSCALL: resume and stop at the next syscall entry or exit.</summary>
    public static Errno Syscall(int pid, int sig) => Call(PTRACE_SYSCALL, pid, 0, (ulong)sig);

    public static Errno Detach(int pid, int sig) => Call(PTRACE_DETACH, pid, 0, (ulong)sig);

    public static Errno SetOptions(int pid, uint options) => Call(PTRACE_SETOPTIONS, pid, 0, options);

    public static Errno GetRegs(int pid, ref UserRegs regs)
    {
        fixed (UserRegs* p = &regs)
            return Libc.Check(Libc.ptrace(PTRACE_GETREGS, pid, null, p));
    }

    public static Errno SetRegs(int pid, ref UserRegs regs)
    {
        fixed (UserRegs* p = &regs)
            return Libc.Check(Libc.ptrace(PTRACE_SETREGS, pid, null, p));
    }

    /// <summary>PTRACE_GETEVENTMSG: the new pid at FORK/VFORK/CLONE, the former tid at EXEC, the exit status
    /// at EXIT, SECCOMP_RET_DATA at SECCOMP (untrusted).</summary>
    public static Errno GetEventMsg(int pid, out ulong msg)
    {
        ulong m = 0;
        var e = Libc.Check(Libc.ptrace(PTRACE_GETEVENTMSG, pid, null, &m));
        msg = m;
        return e;
    }

    /// <summary>PTRACE_GET_SYSCALL_INFO (kernel 5.3): op, arch, nr and args of the current stop.
    /// filled is how many bytes the kernel wrote.</summary>
    public static Errno GetSyscallInfo(int pid, out PtraceSyscallInfo info, out int filled)
    {
        PtraceSyscallInfo i = default;
        long rc = Libc.ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void*)PtraceSyscallInfo.Size, &i);
        info = i;
        filled = rc < 0 ? 0 : (int)rc;
        return Libc.Check(rc);
    }

    private static Errno Call(int request, int pid, ulong addr, ulong data) =>
        Libc.Check(Libc.ptrace(request, pid, (void*)addr, (void*)data));
}
