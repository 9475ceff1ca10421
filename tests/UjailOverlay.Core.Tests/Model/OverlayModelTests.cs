// The model-based test of the overlay (STYLE.md "Model-based tests for the overlay"): CsCheck generates
// sequences of file operations; each runs on an overlay over a host lower tree and, with real system calls, on
// a plain copy of that tree; errnos, results and full views must agree, and the lower tree must stay as it was.
// It runs with the process's own credentials: as root with full file capabilities, and (tools/test.sh) as
// uid 65534, where the kernel's EACCES/EPERM are the reference for the overlay's permission checks.
// Sizes, seed and temp dir come from the environment (ModelSettings.cs). A failure is shrunk twice: by CsCheck
// within the generator's bounds, then below them by Shrinker; the message shows both, as C calls.
using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace UjailOverlay.Core.Tests.Model;

[Trait("Category", "Model")]
public sealed class OverlayModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Overlay_behaves_like_a_plain_directory_tree()
    {
        var settings = ModelSettings.FromEnvironment();
        var (who, iter, minOps) = (settings.Who, settings.Iterations, settings.MinOps);
        long sequences = 0, opsRun = 0;
        ModelOp[]? smallest = null;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var hits = new ConcurrentDictionary<string, long>();

        output.WriteLine($"model: running as {settings}");
        try
        {
            ModelGen.Sequence(who, settings.Xattrs, minOps).Sample(ops =>
            {
                var failure = ModelRun.Run(ops, settings, hits: hits);
                Interlocked.Increment(ref sequences);
                Interlocked.Add(ref opsRun, failure is null ? ops.Length : failure.Index + 1);
                if (failure is null) return;
                lock (gate)
                    if (smallest is null || ops.Length < smallest.Length) smallest = ops;
                throw new Exception(failure.Render(ops));
            }, iter: iter, seed: settings.Seed, print: Print, writeLine: output.WriteLine);
        }
        catch (Exception ex) when (smallest is not null)
        {
            var minimal = Shrinker.Minimize(smallest, ops => ModelRun.Run(ops, settings, compareEvery: 1));
            var shrunk = minimal is { } m
                ? $"Shrunk to {m.Ops.Length} operation(s), as {who}:\n{m.Failure.Render(m.Ops)}"
                : "(the smallest failing sequence did not fail again when replayed)";
            throw new XunitException($"{shrunk}\n\nCsCheck: {ex.Message}\n{ex.InnerException?.Message}");
        }
        ReportKnown(output, hits);
        output.WriteLine($"model: {sequences} sequences of {minOps}-{2 * minOps} operations, {opsRun} operations in total " +
                         $"(mean {(sequences == 0 ? 0 : opsRun / sequences)} per sequence), {clock.Elapsed.TotalSeconds:F1}s " +
                         $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1}s CPU on {Environment.ProcessorCount} cores)");
        Assert.True(sequences >= iter, $"only {sequences} of {iter} sequences ran");
    }

    internal static void ReportKnown(ITestOutputHelper output, ConcurrentDictionary<string, long> hits)
    {
        if (KnownDivergences.Strict) { output.WriteLine("model: strict (UJAIL_MODEL_STRICT=1): no known divergence tolerated"); return; }
        foreach (var k in KnownDivergences.All)
        {
            var n = hits.Where(h => h.Key.StartsWith(k.Id + " ", StringComparison.Ordinal)).Select(h => $"{h.Value} {h.Key[(k.Id.Length + 1)..]}");
            output.WriteLine($"model: known {k.Id}: {string.Join(", ", n.DefaultIfEmpty("not met"))}: {k.Summary}");
        }
    }

    /// <summary>CsCheck's own line for a sample; the operations themselves follow in the failure's message.</summary>
    private static string Print(ModelOp[] ops) => $"a sequence of {ops.Length} operations:";
}
