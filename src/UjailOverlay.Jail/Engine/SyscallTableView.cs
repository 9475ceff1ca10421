// The engine's view of the syscall table: which numbers the filter sends to the supervisor (so the dispatcher
// must handle them) and names for trace lines.
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Jail.Engine;

internal sealed class SyscallTableView(bool fakeRoot)
{
    public IReadOnlyList<SyscallEntry> Notified { get; } =
        SyscallTable.ForRun(fakeRoot)
            .Where(e => e.Support == SupportLevel.Emulated || (e.Support == SupportLevel.Conditional && e.Handler.Length > 0)).ToList();

    public int MaxNumber { get; } = SyscallTable.All.Max(e => e.Number);

    public string NameOf(int nr) => SyscallTable.ByNumber(nr)?.Name ?? $"syscall_{nr}";
}
