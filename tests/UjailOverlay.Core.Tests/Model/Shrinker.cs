// Shrinks a failing sequence below the generator's minimum length (CsCheck shrinks within what the generator
// can produce, here at least UJAIL_MODEL_OPS operations). Replays compare the views after every operation, so
// the failure is pinned to the operation that introduced it; then everything after it is cut, and chunks of
// halving size are removed (ddmin-style) while the sequence still fails the same way (same operation kind and
// same kind of failure). Bounded by a replay budget so a flaky failure cannot loop.
namespace UjailOverlay.Core.Tests.Model;

internal static class Shrinker
{
    /// <summary>run replays a sequence comparing views after every operation; null when it passes.</summary>
    public static (ModelOp[] Ops, ModelFailure Failure)? Minimize(ModelOp[] ops, Func<ModelOp[], ModelFailure?> run, int budget = 600)
    {
        if (run(ops) is not { } bestFailure) return null; // did not fail again
        var signature = Signature(ops, bestFailure);
        var best = ops[..Math.Min(ops.Length, bestFailure.Index + 1)];
        if (best.Length == 0) return (ops, bestFailure);

        for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1 && budget > 0; chunk /= 2)
        {
            var progress = true;
            while (progress && budget > 0)
            {
                progress = false;
                for (var start = 0; start < best.Length && budget > 0; start += chunk)
                {
                    var candidate = best[..start].Concat(best[Math.Min(best.Length, start + chunk)..]).ToArray();
                    if (candidate.Length == 0) continue;
                    budget--;
                    if (run(candidate) is { } f && Signature(candidate, f) == signature)
                    {
                        best = candidate[..(f.Index + 1 < 1 ? candidate.Length : f.Index + 1)];
                        bestFailure = f;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return (best, bestFailure);
    }

    /// <summary>The failing operation's kind and the first line of what failed ("outcome differs", "views differ").</summary>
    private static string Signature(ModelOp[] ops, ModelFailure f) =>
        (f.Index >= 0 && f.Index < ops.Length ? ops[f.Index].Kind.ToString() : "-") + "|" + f.What.Split('\n')[0];
}
