// Plans the search that maps a syscall number to its range: a binary tree of `nr >= boundary` tests whose leaves
// are ActionRanges. The tree is an optimal alphabetic tree (Knuth 1971, "Optimum binary search trees", with the
// root-monotonicity bound that makes it O(m^2)): it minimises the sum over leaves of weight × depth, so the ranges
// holding the hot passthrough calls sit a few tests from the root while the rest stays close to balanced. Depth is
// what the kernel pays on every syscall, since the filter runs for each one.
namespace UjailOverlay.Jail.Seccomp;

internal abstract record DispatchNode;

/// <summary>All numbers reaching this node share one range.</summary>
internal sealed record DispatchLeaf(ActionRange Range) : DispatchNode;

/// <summary>Numbers &gt;= Boundary go to AtOrAbove, the rest to Below.</summary>
internal sealed record DispatchSplit(uint Boundary, DispatchNode Below, DispatchNode AtOrAbove) : DispatchNode;

internal static class DispatchTree
{
    /// <summary>The tree over ranges (ordered, contiguous) where leaf i is expected weights[i] times as often.</summary>
    public static DispatchNode Plan(IReadOnlyList<ActionRange> ranges, IReadOnlyList<long> weights)
    {
        int m = ranges.Count;
        if (m == 0 || weights.Count != m)
            throw new ArgumentException("One positive weight per range, and at least one range.", nameof(weights));

        var prefix = new long[m + 1];
        for (int i = 0; i < m; i++)
            prefix[i + 1] = prefix[i] + weights[i];

        // cost(i, j): least weighted depth of a tree over leaves i..j; root(i, j): the first leaf of its right
        // subtree. Knuth's bound root(i, j-1) <= root(i, j) <= root(i+1, j) limits the candidates. Only i <= j is
        // used, so both live in triangular arrays (half the memory a square one would fault in at every start).
        var cells = m * (m + 1) / 2;
        var cost = new long[cells];
        var root = new int[cells];
        int At(int i, int j) => i * m - i * (i - 1) / 2 + (j - i);
        for (int i = 0; i < m; i++)
            root[At(i, i)] = i;
        for (int length = 2; length <= m; length++)
        {
            for (int i = 0, j = length - 1; j < m; i++, j++)
            {
                int lo = Math.Max(root[At(i, j - 1)], i + 1), hi = root[At(i + 1, j)];
                long best = long.MaxValue;
                int bestK = lo;
                for (int k = lo; k <= hi; k++)
                {
                    long candidate = cost[At(i, k - 1)] + cost[At(k, j)];
                    if (candidate < best)
                        (best, bestK) = (candidate, k);
                }
                cost[At(i, j)] = best + prefix[j + 1] - prefix[i];
                root[At(i, j)] = bestK;
            }
        }
        return Build(ranges, (i, j) => root[At(i, j)], 0, m - 1);
    }

    private static DispatchNode Build(IReadOnlyList<ActionRange> ranges, Func<int, int, int> root, int i, int j)
    {
        if (i == j)
            return new DispatchLeaf(ranges[i]);
        int k = root(i, j);
        return new DispatchSplit(ranges[k].First, Build(ranges, root, i, k - 1), Build(ranges, root, k, j));
    }
}
