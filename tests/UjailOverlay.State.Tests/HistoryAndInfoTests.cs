// Run history in the index's runs table (schema 2) and the counts Info reports.
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class HistoryAndInfoTests
{
    private static RunRecord Run(string what) => new()
    {
        Command = ["sh", "-c", what],
        Cwd = "/home/ü",
        User = "user",
        Uid = 4_000_000_000,
        Start = DateTimeOffset.UnixEpoch.AddTicks(17_350_000_000_000_007),
    };

    [Fact]
    public void A_command_with_quotes_backslashes_control_characters_and_non_ascii_comes_back_as_given()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("s");
        string[] argv = ["sh", "-c", "echo \"a\\b\"\n\ttab\u0001\u001f end", "", "ü€😀 <&'>", "\\\"", "/"];
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
            state.History.Begin(Run("x") with { Command = argv });
        using var readOnly = StateDirectory.Open(dir, StateAccess.ReadOnly);
        Assert.Equal(argv, readOnly.History.All().Single().Command);
    }

    [Fact]
    public void The_stored_command_is_json_with_only_the_required_escapes()
    {
        Assert.Equal("""["a\"b","c\\d","\u000a\u0001","ü😀"]""", RunHistory.CommandJson(["a\"b", "c\\d", "\n\u0001", "ü😀"]));
        Assert.Equal("[]", RunHistory.CommandJson([]));
        Assert.Equal("[\"\uFFFD\"]", RunHistory.CommandJson(["\ud800"]));
    }

    [Fact]
    public void Runs_begin_end_and_come_back_oldest_first_with_exact_times()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("s");
        long first, second;
        var end = DateTimeOffset.UnixEpoch.AddTicks(17_350_000_100_000_009);
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
        {
            first = state.History.Begin(Run("make"));
            second = state.History.Begin(Run("make test"));
            state.History.End(first, 2, new RunCounts(1_000_000_000_000, 42), end);
            Assert.Throws<KeyNotFoundException>(() => state.History.End(999, 0, default));
        }

        using var readOnly = StateDirectory.Open(dir, StateAccess.ReadOnly);
        var runs = readOnly.History.All();
        Assert.Equal([first, second], runs.Select(r => r.Id));
        var done = runs[0];
        Assert.Equal(["sh", "-c", "make"], done.Command);
        Assert.Equal(Run("make") with { Id = first, Command = done.Command, End = end, ExitStatus = 2, Counts = new RunCounts(1_000_000_000_000, 42) }, done);
        Assert.Null(runs[1].End);
        Assert.Null(runs[1].ExitStatus);
        Assert.Throws<InvalidOperationException>(() => readOnly.History.Begin(Run("x")));
    }

    [Fact]
    public void History_can_be_read_while_a_writer_holds_the_directory()
    {
        using var tmp = new TempDir();
        using var writer = StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen);
        var id = writer.History.Begin(Run("sleep 1"));
        using var reader = StateDirectory.Open(tmp.Sub("s"), StateAccess.ReadOnly);
        Assert.Equal([id], reader.History.All().Select(r => r.Id));
        writer.History.End(id, 0, new RunCounts(1, 1));
        Assert.Equal(0, reader.History.All()[0].ExitStatus);
    }

    [Fact]
    public void Info_counts_what_is_stored()
    {
        using var tmp = new TempDir();
        using var state = StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen);
        var before = DateTimeOffset.UtcNow;
        state.Changes.PutInode(Samples.Regular(1));
        state.Changes.PutInode(Samples.Dir(2));
        state.Changes.PutDentry(new DentryRecord("/a", 1));
        state.Changes.PutDentry(new DentryRecord("/b", 1));
        state.Changes.PutDentry(new DentryRecord("/d", 2));
        state.Changes.PutDentry(new DentryRecord("/gone", 0));
        state.Changes.Journal(Samples.Entry("openat", "/a"));
        state.History.Begin(Run("x"));
        File.WriteAllBytes(Path.Combine(state.UpperPath, "a"), new byte[1000]);
        Directory.CreateDirectory(Path.Combine(state.UpperPath, "d"));
        File.WriteAllBytes(Path.Combine(state.UpperPath, "d", "x"), new byte[24]);
        File.CreateSymbolicLink(Path.Combine(state.UpperPath, "l"), "/usr"); // not followed, not counted

        var info = state.Info();
        Assert.Equal(new StateInfo(2, info.Created, Inodes: 2, Dentries: 3, Whiteouts: 1, JournalRows: 1, Runs: 1, UpperBytes: 1024), info);
        Assert.InRange(info.Created, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
