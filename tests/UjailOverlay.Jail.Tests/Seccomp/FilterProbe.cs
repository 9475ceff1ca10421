// Runs a filter over the inputs that pin the table down and lists every input where the interpreter's answer differs
// from ExpectedAction: each number 0..MaxNumber with zero, all-ones and rule-triggering arguments; for each
// Conditional entry, boundary values of every checked argument (the value, each single bit, the value with one bit
// flipped, junk in the other half); other arches; x32 numbers. Lazy, so a caller looking for any mismatch stops at
// the first.
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Jail.Tests.Bpf;

namespace UjailOverlay.Jail.Tests.Seccomp;

public static class FilterProbe
{
    public static IEnumerable<string> Mismatches(
        IReadOnlyList<SockFilter> program, IReadOnlyList<SyscallEntry> table, int maxNumber = 500)
    {
        if (BpfInterpreter.Check(program) is string rejected)
        {
            yield return "rejected: " + rejected;
            yield break;
        }
        var interpreter = new BpfInterpreter(program);
        var oracle = new ExpectedAction(table);
        foreach (SeccompData data in Inputs(table, maxNumber))
        {
            uint expected = oracle.For(data);
            uint actual = interpreter.Run(data).Value;
            if (actual != expected)
                yield return $"{data}: expected 0x{expected:x8}, filter returned 0x{actual:x8}";
        }
    }

    public static IEnumerable<SeccompData> Inputs(IReadOnlyList<SyscallEntry> table, int maxNumber)
    {
        // Argument vectors that trigger each rule, so a number routed to the wrong Conditional leaf (or away from
        // it) is seen even when zero arguments would give the same answer.
        var triggers = new List<ulong[]> { new ulong[6], Enumerable.Repeat(ulong.MaxValue, 6).ToArray() };
        foreach (ArgRule rule in table.SelectMany(e => e.ArgRules))
        {
            var args = new ulong[6];
            foreach (ArgCheck check in rule.AllOf)
                args[check.Index] |= check.Comparison == ArgComparison.MaskedEquals ? check.Value : check.Mask;
            triggers.Add(args);
        }

        foreach (ulong[] args in triggers)
        {
            for (int nr = 0; nr <= maxNumber; nr++)
                yield return SeccompData.X86_64(nr, args);
        }

        foreach (SyscallEntry entry in table.Where(e => e.ArgRules.Count > 0))
        {
            foreach (ulong[] args in BoundaryArguments(entry))
                yield return SeccompData.X86_64(entry.Number, args);
        }

        foreach (int nr in new[] { 0, 1, 2, 16, 59, 101, 0x3fff_ffff, int.MaxValue, -1 })
        {
            yield return new SeccompData(nr, SeccompData.ArchI386, 0);
            yield return new SeccompData(nr, 0x4000_003E, 0); // x86_64 without __AUDIT_ARCH_64BIT
            yield return new SeccompData(nr, 0, 0);
        }
        foreach (int nr in new[] { 0, 1, 2, 3, 16, 56, 59, 257, 317, 469, 511, 512, 547 })
        {
            yield return SeccompData.X86_64(0x4000_0000 | nr);
            yield return SeccompData.X86_64(unchecked((int)0xC000_0000) | nr);
        }
        yield return SeccompData.X86_64(0x3fff_ffff);
        yield return SeccompData.X86_64(int.MaxValue);
        yield return SeccompData.X86_64(-1);
    }

    /// <summary>Every combination, over the argument indices the entry's rules test, of that index's boundary
    /// values; untested arguments hold junk.</summary>
    public static IEnumerable<ulong[]> BoundaryArguments(SyscallEntry entry)
    {
        var perIndex = entry.ArgRules.SelectMany(r => r.AllOf)
            .GroupBy(c => c.Index)
            .OrderBy(g => g.Key)
            .Select(g => (Index: g.Key, Values: g.SelectMany(BoundaryValues).Distinct().ToArray()))
            .ToArray();
        IEnumerable<ulong[]> vectors = [Enumerable.Repeat(0x5a5a_5a5a_5a5a_5a5aUL, 6).ToArray()];
        foreach (var (index, values) in perIndex)
        {
            vectors = vectors.SelectMany(v => values.Select(value =>
            {
                ulong[] next = (ulong[])v.Clone();
                next[index] = value;
                return next;
            }));
        }
        return vectors;
    }

    private static IEnumerable<ulong> BoundaryValues(ArgCheck check)
    {
        ulong v = check.Comparison == ArgComparison.MaskedEquals ? check.Value : check.Mask;
        yield return 0;
        yield return ulong.MaxValue;
        yield return v;
        yield return v + 1;
        yield return v - 1;
        yield return check.Mask;
        yield return ~check.Mask;
        yield return v | 0xdead_beef_0000_0000UL;
        yield return v | 0xffff_ffff_0000_0000UL;
        yield return v & 0xffff_ffffUL;
        for (int bit = 0; bit < 64; bit++)
        {
            yield return 1UL << bit;
            yield return v ^ (1UL << bit);
        }
    }
}
