// The state directories committed in fixtures/statedirs-golden/vN, one per schema version, are opened by the
// current code (on a copy) and must load exactly as they were written. UJAIL_REGEN_GOLDEN=1 rewrites the
// current version's fixture first (older ones are frozen).
using UjailOverlay.State.Schema;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class GoldenTests
{
    public static readonly TheoryData<int> Versions = new() { 1, 2 };

    /// <summary>The current version's fixture is regenerated once per test run when asked to; older ones never.</summary>
    private static readonly Lazy<bool> Regenerated = new(() =>
    {
        if (Environment.GetEnvironmentVariable("UJAIL_REGEN_GOLDEN") != "1")
            return false;
        var fixture = GoldenWriter.FixtureDir(Migrations.CurrentVersion);
        if (Directory.Exists(fixture))
            Directory.Delete(fixture, recursive: true);
        GoldenWriter.Write(fixture);
        return true;
    });

    private static string CopyOfFixture(TempDir tmp, int version)
    {
        _ = Regenerated.Value;
        var fixture = GoldenWriter.FixtureDir(version);
        Assert.True(File.Exists(Path.Combine(fixture, "ujail-state")), $"missing fixture {fixture}");
        Assert.False(File.Exists(Path.Combine(fixture, "index.db-wal")), "the fixture must be checkpointed");

        var copy = tmp.Sub("v" + version);
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
    [InlineData(1, StateAccess.ReadOnly)]
    [InlineData(1, StateAccess.ReadWrite)]
    [InlineData(2, StateAccess.ReadOnly)]
    [InlineData(2, StateAccess.ReadWrite)]
    public void Every_version_loads_exactly_as_written(int version, StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = CopyOfFixture(tmp, version);
        using var state = StateDirectory.Open(dir, access);
        // A writable open migrates to the current schema; a read-only one reads the version as it is.
        Assert.Equal(access == StateAccess.ReadOnly ? version : Migrations.CurrentVersion, state.SchemaVersion);
        Samples.Equal(GoldenWriter.Image, state.LoadImage());
        Assert.Equal(GoldenWriter.JournalEntries, state.Journal().Select(r => r.Entry));
        var run = Assert.Single(state.History.All());
        Assert.Equal(GoldenWriter.Run.Command, run.Command);
        Assert.Equal(GoldenWriter.Run.Start, run.Start);
        Assert.Equal(GoldenWriter.Run.Start.AddSeconds(3), run.End);
        Assert.Equal(0, run.ExitStatus);
        Assert.Equal(new RunCounts(1234, 5), run.Counts);
        foreach (var (rel, content) in GoldenWriter.UpperFiles)
            Assert.Equal(content, File.ReadAllText(Path.Combine(state.UpperPath, rel)));
        // Version 1's history.db is imported by a writable open (then removed), and left alone by a read-only one.
        Assert.Equal(version == 1 && access == StateAccess.ReadOnly, File.Exists(Path.Combine(dir, "history.db")));
    }

    [Fact]
    public void A_migrated_version_1_keeps_its_run_ids_and_appends_after_them()
    {
        using var tmp = new TempDir();
        var dir = CopyOfFixture(tmp, 1);
        long next;
        using (var state = StateDirectory.Open(dir, StateAccess.ReadWrite))
            next = state.History.Begin(GoldenWriter.Run with { Command = ["true"] });
        using var again = StateDirectory.Open(dir, StateAccess.ReadOnly);
        var runs = again.History.All();
        Assert.Equal(2, runs.Count);
        Assert.Equal(runs[0].Id + 1, next);
        Assert.Equal(["true"], runs[1].Command);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_version_passes_fsck_but_for_an_older_schema(int version)
    {
        using var tmp = new TempDir();
        var dir = CopyOfFixture(tmp, version);
        Directory.CreateDirectory(Path.Combine(dir, "work")); // git keeps no empty directory
        var report = Fsck.Run(dir, repair: false, new StatxUpperTree(Path.Combine(dir, "upper")));
        if (version == Migrations.CurrentVersion)
            Assert.True(report.Clean, string.Join("\n", report.Findings));
        else
            Assert.Equal([FsckFindingKind.OldSchema], report.Findings.Select(f => f.Kind));
    }

    [Fact]
    public void Fsck_repair_migrates_version_1_and_imports_its_history()
    {
        using var tmp = new TempDir();
        var dir = CopyOfFixture(tmp, 1);
        Directory.CreateDirectory(Path.Combine(dir, "work"));
        var report = Fsck.Run(dir, repair: true, new StatxUpperTree(Path.Combine(dir, "upper")));
        Assert.True(report.Repaired);
        Assert.False(File.Exists(Path.Combine(dir, "history.db")));
        Assert.True(Fsck.Run(dir, repair: false, new StatxUpperTree(Path.Combine(dir, "upper"))).Clean);
        using var state = StateDirectory.Open(dir, StateAccess.ReadOnly);
        Assert.Equal(Migrations.CurrentVersion, state.SchemaVersion);
        Assert.Equal(GoldenWriter.Run.Command, Assert.Single(state.History.All()).Command);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_fixture_is_small(int version)
    {
        _ = Regenerated.Value;
        var fixture = GoldenWriter.FixtureDir(version);
        var total = new DirectoryInfo(fixture).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.InRange(total, 1, 256 * 1024);
    }
}
