// The IndexWriter keeps SQLite off the caller's path: calls are recorded in memory and committed in one
// transaction on Flush, past 2048 pending calls, or on the first call more than 50 ms after the first pending
// one (a hand-moved clock, no sleeping). Within a batch the last word on an ino or a path wins.
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Schema;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public sealed class BatchingTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly ManualTime _time = new();
    private readonly Microsoft.Data.Sqlite.SqliteConnection _connection;
    private readonly IndexWriter _writer;
    private readonly string _dir;

    public BatchingTests()
    {
        _dir = _tmp.Sub("s");
        StateDirectory.Open(_dir, StateAccess.CreateOrOpen).Dispose();
        _connection = ConnectionFactory.OpenReadWrite(Path.Combine(_dir, "index.db"));
        _writer = new IndexWriter(_connection, _dir, _time);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _connection.Dispose();
        _tmp.Dispose();
    }

    private long Count(string table) => (long)Sql.Scalar(_dir, $"SELECT count(*) FROM {table}")!;

    [Fact]
    public void Calls_write_nothing_until_Flush_and_then_commit_once()
    {
        for (ulong i = 1; i <= 100; i++)
        {
            _writer.PutInode(Samples.Regular(i));
            _writer.PutDentry(new DentryRecord($"/f{i}", i));
        }
        _writer.Journal(Samples.Entry("openat", "/f1"));
        Assert.Equal(0, _writer.Commits);
        Assert.Equal(0L, Count("inodes"));

        _writer.Flush();
        Assert.Equal(1, _writer.Commits);
        Assert.Equal(100L, Count("inodes"));
        Assert.Equal(100L, Count("dentries"));
        Assert.Equal(1L, Count("journal"));

        _writer.Flush(); // nothing pending: no empty transaction
        Assert.Equal(1, _writer.Commits);
    }

    [Fact]
    public void More_than_2048_pending_calls_commit_on_the_call_that_exceeds()
    {
        for (var i = 0; i < IndexWriter.MaxPending; i++)
            _writer.Journal(Samples.Entry("openat", $"/f{i}"));
        Assert.Equal(0, _writer.Commits);
        Assert.Equal(IndexWriter.MaxPending, _writer.PendingCalls);

        _writer.Journal(Samples.Entry("openat", "/last"));
        Assert.Equal(1, _writer.Commits);
        Assert.Equal(0, _writer.PendingCalls);
        Assert.Equal(IndexWriter.MaxPending + 1L, Count("journal"));
    }

    [Fact]
    public void A_call_more_than_50ms_after_the_first_pending_change_commits()
    {
        _writer.PutInode(Samples.Regular(1));
        _time.Advance(IndexWriter.MaxDelay);
        Assert.False(_writer.FlushIfDue()); // exactly 50 ms is not "more than"
        _writer.PutInode(Samples.Regular(2));
        Assert.Equal(0, _writer.Commits);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _writer.PutInode(Samples.Regular(3));
        Assert.Equal(1, _writer.Commits);
        Assert.Equal(3L, Count("inodes"));

        // The clock restarts with the next first pending change.
        _time.Advance(TimeSpan.FromSeconds(10));
        _writer.PutInode(Samples.Regular(4));
        Assert.Equal(1, _writer.Commits);
    }

    [Fact]
    public void FlushIfDue_commits_an_old_batch_when_no_call_comes()
    {
        _writer.PutInode(Samples.Regular(1));
        Assert.False(_writer.FlushIfDue());
        _time.Advance(TimeSpan.FromMilliseconds(51));
        Assert.True(_writer.FlushIfDue());
        Assert.Equal(1L, Count("inodes"));
        Assert.False(_writer.FlushIfDue());
    }

    [Fact]
    public void The_last_change_to_an_ino_or_a_path_wins_within_a_batch()
    {
        _writer.PutDentry(new DentryRecord("/kept", 1));
        _writer.PutInode(Samples.Regular(9));
        _writer.Flush();

        _writer.PutInode(Samples.Regular(1, lowerPath: "/first"));
        _writer.PutInode(Samples.Regular(1, lowerPath: "/second"));
        _writer.PutInode(Samples.Regular(2));
        _writer.DropInode(2);
        _writer.DropInode(9);
        _writer.PutInode(Samples.Regular(9, lowerPath: "/back"));
        _writer.PutDentry(new DentryRecord("/a", 1));
        _writer.DropDentry("/a");
        _writer.DropDentry("/kept");
        _writer.PutDentry(new DentryRecord("/kept", 0));
        _writer.SetNextIno(100);
        _writer.SetNextIno(200);
        Assert.Equal(6, _writer.PendingRows); // inodes 1, 2, 9; dentries /a, /kept; next_ino
        _writer.Flush();

        using var state = StateDirectory.Open(_dir, StateAccess.ReadOnly);
        var image = state.LoadImage();
        Assert.Equal(new[] { (1UL, "/second"), (9UL, "/back") }, image.Inodes.Select(i => (i.Ino, i.LowerPath!)));
        Assert.Equal([new DentryRecord("/kept", 0)], image.Dentries);
        Assert.Equal(200UL, image.NextIno);
    }

    [Fact]
    public void Journal_rows_are_never_coalesced_and_keep_their_order()
    {
        var entries = Enumerable.Range(0, 10).Select(i => Samples.Entry("write", "/same", i)).ToList();
        foreach (var entry in entries)
            _writer.Journal(entry);
        _writer.Flush();
        using var state = StateDirectory.Open(_dir, StateAccess.ReadOnly);
        Assert.Equal(entries, state.Journal().Select(r => r.Entry));
    }

    [Fact]
    public void Disposing_the_state_directory_commits_what_is_pending()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("s");
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
        {
            state.Changes.PutInode(Samples.Regular(5));
            state.Changes.PutDentry(new DentryRecord("/five", 5));
        }
        Assert.False(File.Exists(Path.Combine(dir, "index.db-wal")), "closing checkpoints and removes the WAL");
        using var readOnly = StateDirectory.Open(dir, StateAccess.ReadOnly);
        Assert.Equal([new DentryRecord("/five", 5)], readOnly.LoadImage().Dentries);
    }
}
