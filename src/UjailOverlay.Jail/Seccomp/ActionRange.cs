// Splits the whole 32-bit syscall-number space into contiguous ranges of equal action, the leaves the dispatch
// search chooses between. Numbers no entry covers get ERRNO(ENOSYS), the answer the kernel gives for a number it
// does not know, so the allowlist fails closed; a Conditional entry is always a range of its own because its action
// is decided by code over the arguments, not by a single return value.
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Jail.Seccomp;

/// <summary>Numbers First..Last (inclusive) share one action: a fixed return value, or the rules of one entry.</summary>
internal sealed record ActionRange(uint First, uint Last, uint ReturnValue, SyscallEntry? Conditional)
{
    /// <summary>Ranges covering 0..uint.MaxValue in order; adjacent ranges never share a fixed return value.</summary>
    public static List<ActionRange> Partition(IReadOnlyList<SyscallEntry> entries)
    {
        uint unknown = SeccompReturn.Errno(SyscallErrno.ENOSYS);
        var ranges = new List<ActionRange>();
        uint next = 0; // first number not yet covered
        foreach (SyscallEntry entry in entries.OrderBy(e => e.Number))
        {
            uint nr = (uint)entry.Number;
            if (nr > next)
                Append(ranges, new ActionRange(next, nr - 1, unknown, null));
            Append(ranges, entry.Support == SupportLevel.Conditional
                ? new ActionRange(nr, nr, 0, entry)
                : new ActionRange(nr, nr, SeccompReturn.For(entry.Support, entry.DenyErrno), null));
            next = nr + 1;
        }
        Append(ranges, new ActionRange(next, uint.MaxValue, unknown, null));
        return ranges;
    }

    private static void Append(List<ActionRange> ranges, ActionRange range)
    {
        if (ranges.Count > 0 && ranges[^1] is { Conditional: null } last &&
            range.Conditional is null && last.ReturnValue == range.ReturnValue)
            ranges[^1] = last with { Last = range.Last };
        else
            ranges.Add(range);
    }
}
