// SIGKILL a real writer process at seeded random moments, again and again on the same state directory:
// after each kill the directory opens, fsck finds no damage (strays and work/ leftovers are what the
// crash-safety rule allows), and every change up to the last "flushed" line the writer printed is there.
using UjailOverlay.State.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.State.Tests;

public class CrashTests(ITestOutputHelper output)
{
    private const int Iterations = 30;
    private const int Seed = 20_251_123;

    [Fact]
    public void Every_flushed_change_survives_SIGKILL_at_random_moments()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("s");
        var random = new Random(Seed);
        var confirmed = new List<(int Run, int Batch, int Size)>();
        var killsBeforeAnyFlush = 0;

        for (var run = 1; run <= Iterations; run++)
        {
            using (var writer = new HelperProcess("write", dir, run.ToString(), random.Next().ToString()))
            {
                // The first runs are killed during start-up, creation and open; the rest after the writer has
                // opened the directory, mid-batch or mid-commit.
                if (run > 3)
                    writer.WaitForLine("opened", TimeSpan.FromSeconds(60));
                var delay = run <= 3 ? random.Next(0, 600) : random.Next(0, 400);
                Thread.Sleep(delay);
                writer.Kill();
                var flushed = writer.Lines.Where(l => l.StartsWith("flushed ", StringComparison.Ordinal))
                    .Select(l => l.Split(' ')).Select(p => (run, int.Parse(p[1]), int.Parse(p[2]))).ToList();
                Assert.DoesNotContain(writer.Lines, l => l.StartsWith("stderr:", StringComparison.Ordinal));
                confirmed.AddRange(flushed);
                if (flushed.Count == 0)
                    killsBeforeAnyFlush++;
                output.WriteLine($"run {run}: killed {delay} ms after {(run > 3 ? "opening" : "starting")}, {flushed.Count} batches flushed");
            }

            if (!File.Exists(Path.Combine(dir, "ujail-state")))
                continue; // killed before the layout was finished: the next writer's CreateOrOpen completes it

            var report = Fsck.Run(dir, repair: false);
            Assert.False(report.HasDamage, string.Join("\n", report.Findings.Where(f => f.IsDamage)));

            using (var state = StateDirectory.Open(dir, StateAccess.ReadWrite))
            {
                var names = state.LoadImage().Dentries.ToDictionary(d => d.Path, d => d.Ino);
                foreach (var (r, batch, size) in confirmed)
                {
                    for (var j = 0; j < size; j++)
                    {
                        Assert.True(names.TryGetValue(CrashNames.Path(r, batch, j), out var ino), $"lost {CrashNames.Path(r, batch, j)}");
                        Assert.Equal(CrashNames.Ino(r, batch, j), ino);
                    }
                    Assert.True(File.Exists(Path.Combine(state.UpperPath, CrashNames.Path(r, batch, 0).TrimStart('/'))));
                }
            }

            // Tidy what the crash may have left, as `ujail fsck --repair` would; then it is clean.
            if (!report.Clean)
            {
                Fsck.Run(dir, repair: true);
                Assert.True(Fsck.Run(dir, repair: false).Clean);
            }
        }

        output.WriteLine($"{confirmed.Count} batches confirmed; {killsBeforeAnyFlush} kills before any flush");
        Assert.NotEmpty(confirmed);
    }
}
