// The dispatch search: the planned tree keeps the ranges in order with the right boundaries and is as cheap as the
// best tree found by trying every split (Knuth's bound must not cut the optimum off), and the builder still produces
// a correct program when the tree is too large for 8-bit jumps and needs BPF_JA trampolines.
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Jail.Tests.Bpf;
using Xunit;

namespace UjailOverlay.Jail.Tests.Seccomp;

public sealed class DispatchTreeTests
{
    [Fact]
    public void Plan_IsOptimalAndOrdered()
    {
        var random = new Random(20251123);
        for (int round = 0; round < 300; round++)
        {
            int m = random.Next(1, 10);
            var ranges = Enumerable.Range(0, m)
                .Select(i => new ActionRange((uint)(10 * i), (uint)(10 * i + 9), (uint)i, null))
                .ToList();
            var weights = Enumerable.Range(0, m)
                .Select(_ => random.Next(4) == 0 ? random.Next(100, 5000) : (long)random.Next(1, 5))
                .ToList();

            DispatchNode tree = DispatchTree.Plan(ranges, weights);

            var leaves = new List<(ActionRange Range, int Depth)>();
            Walk(tree, 0, 0, uint.MaxValue, leaves);
            Assert.Equal(ranges, leaves.Select(l => l.Range));
            long cost = leaves.Select((l, i) => weights[i] * l.Depth).Sum();
            Assert.Equal(BruteForce(weights, 0, m - 1), cost);
        }
    }

    [Fact]
    public void LargeTable_NeedsTrampolines_AndStillMatches()
    {
        var table = new List<SyscallEntry>();
        for (int nr = 0; nr < 1200; nr++)
        {
            if (nr % 97 == 0)
                continue; // gaps: ENOSYS
            string name = $"sys{nr}";
            table.Add((nr % 5) switch
            {
                0 => new SyscallEntry(nr, name, SyscallFamily.Other, SupportLevel.PassedThrough, 0, "", ""),
                1 => new SyscallEntry(nr, name, SyscallFamily.Other, SupportLevel.Emulated, 0, name, ""),
                2 => new SyscallEntry(nr, name, SyscallFamily.Other, SupportLevel.Denied, 1 + nr % 3, "", ""),
                3 when nr % 53 == 3 => new SyscallEntry(nr, name, SyscallFamily.Other, SupportLevel.Conditional, 0,
                    name, "") { ArgRules = nr % 2 == 0 ? SyscallArgRules.Ioctl : SyscallArgRules.Seccomp },
                3 => new SyscallEntry(nr, name, SyscallFamily.Other, SupportLevel.Traced, 0, name, ""),
                _ => new SyscallEntry(nr, name, SyscallFamily.Other, SupportLevel.PassedThrough, 0, "", ""),
            });
        }

        SockFilter[] filter = SeccompFilterBuilder.Build(table);

        Assert.Contains(filter, f => f.code == 0x05); // BPF_JMP | BPF_JA
        Assert.True(filter.Length > 2 * 256, $"{filter.Length} instructions");
        var mismatches = FilterProbe.Mismatches(filter, table, maxNumber: 1300).Take(10).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static void Walk(DispatchNode node, int depth, uint lo, uint hi, List<(ActionRange, int)> leaves)
    {
        switch (node)
        {
            case DispatchLeaf leaf:
                // Every number the path lets through belongs to this leaf's range.
                Assert.Equal(lo, leaf.Range.First);
                Assert.True(hi >= leaf.Range.Last);
                leaves.Add((leaf.Range, depth));
                break;
            case DispatchSplit split:
                Assert.InRange(split.Boundary, lo + 1, hi);
                Walk(split.Below, depth + 1, lo, split.Boundary - 1, leaves);
                Walk(split.AtOrAbove, depth + 1, split.Boundary, hi, leaves);
                break;
        }
    }

    private static long BruteForce(List<long> weights, int i, int j)
    {
        if (i == j)
            return 0;
        long best = long.MaxValue;
        for (int k = i + 1; k <= j; k++)
            best = Math.Min(best, BruteForce(weights, i, k - 1) + BruteForce(weights, k, j));
        return best + weights.Skip(i).Take(j - i + 1).Sum();
    }
}
