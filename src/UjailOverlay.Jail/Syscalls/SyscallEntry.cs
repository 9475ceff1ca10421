// One line of the syscall table: the x86_64 number and name (arch/x86/entry/syscalls/syscall_64.tbl), the family,
// how the jail treats it, and why. Handler is the dispatcher key the engine implements: the canonical operation the
// kernel itself reduces the call to (open, creat and openat all become "openat"; fs/open.c), so one handler serves
// every spelling. The filter, the dispatcher and `ujail syscalls` all read these records, never a copy.
namespace UjailOverlay.Jail.Syscalls;

public sealed record SyscallEntry(
    int Number,
    string Name,
    SyscallFamily Family,
    SupportLevel Support,
    int DenyErrno,
    string Handler,
    string Note)
{
    /// <summary>
    /// For Conditional entries: rules tried in order; the first whose checks all hold decides the action, and a call
    /// no rule matches is passed through. Empty for every other level.
    /// </summary>
    public IReadOnlyList<ArgRule> ArgRules { get; init; } = [];
}
