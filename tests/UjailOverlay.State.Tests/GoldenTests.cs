// The version-1 state directory committed in fixtures/statedirs-golden/v1 is opened by the current code (on a
// copy) and must load exactly as it was written. UJAIL_REGEN_GOLDEN=1 rewrites the fixture first.
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class GoldenTests
{
    /// <summary>The fixture directory, regenerated once per test run when asked to.</summary>
    private static readonly Lazy<string> Fixture = new(() =>
    {
        var fixture = GoldenWriter.FixtureDir(1);
        if (Environment.GetEnvironmentVariable("UJAIL_REGEN_GOLDEN") == "1")
        {
            if (Directory.Exists(fixture))
                Directory.Delete(fixture, recursive: true);
            GoldenWriter.Write(fixture);
        }
        return fixture;
    });

    private static string CopyOfFixture(TempDir tmp)
    {
        var fixture = Fixture.Value;
        Assert.True(File.Exists(Path.Combine(fixture, "ujail-state")), $"missing fixture {fixture}");
        Assert.False(File.Exists(Path.Combine(fixture, "index.db-wal")), "the fixture must be checkpointed");

        var copy = tmp.Sub("v1");
        Copy(new DirectoryInfo(fixture), copy);
        return copy;
    }

    /// <summary>Copies as a git checkout would have it: symlinks as symlinks, and no empty directories.</summary>
    private static void Copy(DirectoryInfo from, string to)
    {
        if (!from.EnumerateFileSystemInfos().Any())
            return;
        Directory.CreateDirectory(to);
        foreach (var entry in from.EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
                File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo dir)
                Copy(dir, target);
            else
                File.Copy(entry.FullName, target);
        }
    }

    [Theory]
    [InlineData(StateAccess.ReadOnly)]
    [InlineData(StateAccess.ReadWrite)]
    public void Version_1_loads_exactly_as_written(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = CopyOfFixture(tmp);
        using var state = StateDirectory.Open(dir, access);
        Assert.Equal(1, state.SchemaVersion);
        Samples.Equal(GoldenWriter.Image, state.LoadImage());
        Assert.Equal(GoldenWriter.JournalEntries, state.Journal().Select(r => r.Entry));
        var run = Assert.Single(state.History.All());
        Assert.Equal(GoldenWriter.Run.Command, run.Command);
        Assert.Equal(GoldenWriter.Run.Start, run.Start);
        Assert.Equal(new RunCounts(1234, 5), run.Counts);
        foreach (var (rel, content) in GoldenWriter.UpperFiles)
            Assert.Equal(content, File.ReadAllText(Path.Combine(state.UpperPath, rel)));
    }

    [Fact]
    public void Version_1_passes_fsck()
    {
        using var tmp = new TempDir();
        var dir = CopyOfFixture(tmp);
        Directory.CreateDirectory(Path.Combine(dir, "work")); // git keeps no empty directory
        var report = Fsck.Run(dir, repair: false, new StatxUpperTree(Path.Combine(dir, "upper")));
        Assert.True(report.Clean, string.Join("\n", report.Findings));
    }

    [Fact]
    public void The_fixture_is_small()
    {
        var fixture = Fixture.Value;
        var total = new DirectoryInfo(fixture).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.InRange(total, 1, 256 * 1024);
    }
}
