// Decodes a wait status word (the W* macros of sys/wait.h; bits/waitstatus.h). For a ptrace stop the
// event number sits in bits 16..23 (status >> 16 == PTRACE_EVENT_*), and a syscall stop under
// PTRACE_O_TRACESYSGOOD reports SIGTRAP|0x80 (ptrace(2)).
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

public readonly record struct WaitStatus(int Raw)
{
    public bool Exited => (Raw & 0x7f) == 0;
    public int ExitCode => (Raw >> 8) & 0xff;

    public bool Signaled => ((sbyte)((Raw & 0x7f) + 1) >> 1) > 0;
    public int TermSig => Raw & 0x7f;
    public bool CoreDumped => (Raw & 0x80) != 0;

    public bool Stopped => (Raw & 0xff) == 0x7f;
    public int StopSig => (Raw >> 8) & 0xff;
    public bool Continued => Raw == 0xffff;

    /// <summary>PTRACE_EVENT_* of a ptrace event stop, else 0.</summary>
    public int PtraceEvent => Stopped ? (Raw >> 16) & 0xff : 0;

    /// <summary>A syscall-entry/exit stop (PTRACE_SYSCALL with PTRACE_O_TRACESYSGOOD).</summary>
    public bool IsSyscallStop => Stopped && StopSig == (SIGTRAP | 0x80);

    public override string ToString() =>
        Exited ? $"exited({ExitCode})"
        : Signaled ? $"signaled({TermSig}{(CoreDumped ? ", core" : "")})"
        : Stopped ? (PtraceEvent != 0 ? $"stopped({StopSig}, event {PtraceEvent})" : $"stopped({StopSig})")
        : Continued ? "continued" : $"status(0x{Raw:x})";
}
