// Builds the jail's seccomp-bpf program from the syscall table (seccomp(2), SECCOMP_SET_MODE_FILTER). The program:
//   1. A = seccomp_data.arch; anything but AUDIT_ARCH_X86_64 (int $0x80, a 32-bit code segment) → KILL_PROCESS;
//   2. A = seccomp_data.nr; the x32 bit set → ERRNO(ENOSYS) (x32 calls report the x86_64 arch; threat model §2(d));
//   3. a search of `nr >= boundary` tests (DispatchTree) down to the range holding nr, whose leaf returns the
//      table's action, or runs the entry's argument rules (ArgRuleCode). Numbers outside the table → ERRNO(ENOSYS).
// The filter runs on every syscall of the jailed program, so the search is weighted toward hot passthrough calls.
using UjailOverlay.Jail.Syscalls;
using static UjailOverlay.Jail.Seccomp.SeccompConstants;

namespace UjailOverlay.Jail.Seccomp;

public static class SeccompFilterBuilder
{
    /// <summary>The filter for entries (normally SyscallTable.All). Throws ArgumentException for a table the
    /// filter cannot express: duplicate or out-of-range numbers, a Conditional entry without rules.</summary>
    public static SockFilter[] Build(IReadOnlyList<SyscallEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Validate(entries);

        List<ActionRange> ranges = ActionRange.Partition(entries);
        var weights = Weights(ranges, entries);
        DispatchNode tree = DispatchTree.Plan(ranges, weights);

        var asm = new BackwardAssembler();
        int dispatch = EmitNode(asm, tree);
        asm.Branch(BPF_JGE, X32_SYSCALL_BIT,
            whenTrue: asm.Return(SeccompReturn.Errno(SyscallErrno.ENOSYS)), whenFalse: dispatch);
        int loadNr = asm.LoadWord(SeccompDataNrOffset);
        asm.Branch(BPF_JEQ, AUDIT_ARCH_X86_64, whenTrue: loadNr, whenFalse: asm.Return(SECCOMP_RET_KILL_PROCESS));
        asm.LoadWord(SeccompDataArchOffset);

        SockFilter[] program = asm.ToProgram();
        if (program.Length > BPF_MAXINSNS)
            throw new InvalidOperationException($"The filter has {program.Length} instructions; the kernel takes {BPF_MAXINSNS}.");
        return program;
    }

    private static int EmitNode(BackwardAssembler asm, DispatchNode node)
    {
        switch (node)
        {
            case DispatchLeaf { Range.Conditional: SyscallEntry entry }:
                return ArgRuleCode.Emit(asm, entry);
            case DispatchLeaf leaf:
                return asm.Return(leaf.Range.ReturnValue);
            case DispatchSplit split:
                // The subtree emitted last lies next to the jump; emit the larger one first so the jump over the
                // nearer one stays short.
                int below, atOrAbove;
                if (Leaves(split.Below) >= Leaves(split.AtOrAbove))
                {
                    below = EmitNode(asm, split.Below);
                    atOrAbove = EmitNode(asm, split.AtOrAbove);
                }
                else
                {
                    atOrAbove = EmitNode(asm, split.AtOrAbove);
                    below = EmitNode(asm, split.Below);
                }
                return asm.Branch(BPF_JGE, split.Boundary, whenTrue: atOrAbove, whenFalse: below);
            default:
                throw new InvalidOperationException($"Unknown dispatch node {node}.");
        }
    }

    private static int Leaves(DispatchNode node) =>
        node is DispatchSplit split ? Leaves(split.Below) + Leaves(split.AtOrAbove) : 1;

    /// <summary>How often each range is expected to be hit: the sum of its entries' HotSyscalls weights, and 1 for a
    /// range no entry names (numbers no program should use). One sweep over both in number order (this runs in
    /// every `ujail run`'s start-up).</summary>
    private static long[] Weights(List<ActionRange> ranges, IReadOnlyList<SyscallEntry> entries)
    {
        var weights = new long[ranges.Count];
        var range = 0;
        foreach (var entry in entries.OrderBy(e => e.Number))
        {
            while ((uint)entry.Number > ranges[range].Last) range++;
            weights[range] += HotSyscalls.Weight(entry.Name);
        }
        for (var i = 0; i < weights.Length; i++) weights[i] = Math.Max(weights[i], 1);
        return weights;
    }

    private static void Validate(IReadOnlyList<SyscallEntry> entries)
    {
        var seen = new HashSet<int>();
        foreach (SyscallEntry entry in entries)
        {
            if (entry.Number < 0 || (uint)entry.Number >= X32_SYSCALL_BIT)
                throw new ArgumentException($"{entry.Name}: {entry.Number} is not an x86_64 syscall number.", nameof(entries));
            if (!seen.Add(entry.Number))
                throw new ArgumentException($"{entry.Name}: number {entry.Number} appears twice.", nameof(entries));
            if ((entry.Support == SupportLevel.Conditional) != (entry.ArgRules.Count > 0))
                throw new ArgumentException($"{entry.Name}: only a Conditional entry has argument rules, and it must.", nameof(entries));
            if (entry.Support != SupportLevel.Conditional)
                _ = SeccompReturn.For(entry.Support, entry.DenyErrno);
        }
    }
}
