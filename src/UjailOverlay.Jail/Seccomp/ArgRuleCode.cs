// Emits the leaf of a Conditional syscall: its ArgRules in order, each a conjunction of ArgChecks, then
// SECCOMP_RET_ALLOW when no rule holds. seccomp_data.args[i] is a __u64 at offset 16 + 8*i (linux/seccomp.h) and
// classic BPF loads 32-bit words, so on little-endian x86_64 the low half is at that offset and the high half 4
// bytes later; a half the check's mask leaves out is never loaded, which is how "low 32 bits only" is expressed.
// Code is emitted backwards through BackwardAssembler, so each check knows where success and failure lead. When a
// rule fails with A still holding the word the next rule starts with (ioctl's list of requests), that rule does not
// load it again.
using UjailOverlay.Jail.Syscalls;
using static UjailOverlay.Jail.Seccomp.SeccompConstants;

namespace UjailOverlay.Jail.Seccomp;

internal static class ArgRuleCode
{
    /// <summary>One 32-bit half of a check: where it is in seccomp_data, and its mask and value there.</summary>
    private readonly record struct Half(uint Offset, uint Mask, uint Value);

    /// <summary>Emits the rules of entry and returns the label of their first instruction. A is clobbered, which
    /// is fine: a leaf only ever returns.</summary>
    public static int Emit(BackwardAssembler asm, SyscallEntry entry)
    {
        IReadOnlyList<ArgRule> rules = entry.ArgRules;
        int next = asm.Return(SECCOMP_RET_ALLOW);
        for (int r = rules.Count - 1; r >= 0; r--)
        {
            ArgRule rule = rules[r];
            bool loaded = r > 0 && rule.AllOf.Count > 0 &&
                WordLeftOnFailure(rules[r - 1]) == Halves(rule.AllOf[0])[0].Offset;
            int label = asm.Return(SeccompReturn.For(rule.Outcome, rule.Errno));
            for (int c = rule.AllOf.Count - 1; c >= 0; c--)
                label = EmitCheck(asm, rule.AllOf[c], whenTrue: label, whenFalse: next, firstLoaded: c == 0 && loaded);
            next = label;
        }
        return next;
    }

    private static int EmitCheck(BackwardAssembler asm, ArgCheck check, int whenTrue, int whenFalse, bool firstLoaded)
    {
        Half[] halves = Halves(check);
        int label = check.Comparison == ArgComparison.MaskedEquals ? whenTrue : whenFalse;
        for (int h = halves.Length - 1; h >= 0; h--)
        {
            Half half = halves[h];
            if (check.Comparison == ArgComparison.MaskedEquals)
            {
                // Every half must match: a mismatch fails the check, a match goes on to the next half.
                label = asm.Branch(BPF_JEQ, half.Value, whenTrue: label, whenFalse: whenFalse);
                if (half.Mask != uint.MaxValue)
                    label = asm.Statement(BPF_ALU | BPF_AND | BPF_K, half.Mask);
            }
            else
            {
                // One set bit in any half is enough: a hit succeeds, a miss tries the next half.
                label = asm.Branch(BPF_JSET, half.Mask, whenTrue: whenTrue, whenFalse: label);
            }
            if (h > 0 || !firstLoaded)
                label = asm.LoadWord(half.Offset);
        }
        return label;
    }

    /// <summary>The halves a check reads, low first; a half its mask leaves out is not read at all.</summary>
    private static Half[] Halves(ArgCheck check)
    {
        uint low = SeccompDataArgsOffset + 8 * (uint)check.Index;
        var halves = new List<Half>(2);
        if ((uint)check.Mask != 0)
            halves.Add(new Half(low, (uint)check.Mask, (uint)check.Value));
        if ((uint)(check.Mask >> 32) != 0)
            halves.Add(new Half(low + 4, (uint)(check.Mask >> 32), (uint)(check.Value >> 32)));
        return [.. halves];
    }

    /// <summary>The word A is sure to hold wherever rule fails: defined when every half the rule tests is the same
    /// word and nothing masks A in place (JEQ on a whole word, or JSET, leave A as loaded).</summary>
    private static uint? WordLeftOnFailure(ArgRule rule)
    {
        Half[] halves = rule.AllOf.SelectMany(Halves).ToArray();
        bool intact = rule.AllOf.All(c => c.Comparison == ArgComparison.AnyBitSet ||
            Halves(c).All(h => h.Mask == uint.MaxValue));
        return halves.Length > 0 && intact && halves.All(h => h.Offset == halves[0].Offset) ? halves[0].Offset : null;
    }
}
