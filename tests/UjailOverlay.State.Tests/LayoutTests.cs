// What CreateOrOpen lays down, and how a creation cut short is finished.
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class LayoutTests
{
    private const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void CreateOrOpen_on_a_missing_path_lays_out_a_version_1_state_directory()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("new");
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
        {
            Assert.Equal(Path.GetFullPath(dir), state.Path);
            Assert.Equal(Path.Combine(state.Path, "upper"), state.UpperPath);
            Assert.Equal(Path.Combine(state.Path, "work"), state.WorkPath);
            Assert.Equal(2, state.SchemaVersion);
        }
        Assert.Equal("ujail-state 1", File.ReadLines(Path.Combine(dir, "ujail-state")).First());
        foreach (var sub in new[] { dir, Path.Combine(dir, "upper"), Path.Combine(dir, "work") })
            Assert.Equal(Rwx, File.GetUnixFileMode(sub));
        Assert.Equal(
            ["index.db", "lock", "ujail-state", "upper", "work"],
            Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2L, Sql.Scalar(dir, "PRAGMA user_version"));
        Assert.Equal("wal", Sql.Scalar(dir, "PRAGMA journal_mode"));
    }

    [Fact]
    public void CreateOrOpen_on_an_empty_directory_creates_and_then_ReadWrite_reopens()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("empty");
        Directory.CreateDirectory(dir);
        StateDirectory.Open(dir, StateAccess.CreateOrOpen).Dispose();
        using var again = StateDirectory.Open(dir, StateAccess.ReadWrite);
        Assert.Equal(2, again.SchemaVersion);
    }

    [Fact]
    public void CreateOrOpen_finishes_a_creation_that_stopped_before_the_marker()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("half");
        StateDirectory.Open(dir, StateAccess.CreateOrOpen).Dispose();
        File.Delete(Path.Combine(dir, "ujail-state"));
        Directory.Delete(Path.Combine(dir, "work"));

        using var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen);
        Assert.True(File.Exists(Path.Combine(dir, "ujail-state")));
        Assert.True(Directory.Exists(Path.Combine(dir, "work")));
    }

    [Fact]
    public void A_writable_open_remakes_upper_and_work_that_git_did_not_keep()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("s");
        StateDirectory.Open(dir, StateAccess.CreateOrOpen).Dispose();
        Directory.Delete(Path.Combine(dir, "work"));
        using (StateDirectory.Open(dir, StateAccess.ReadOnly))
            Assert.False(Directory.Exists(Path.Combine(dir, "work")), "a read-only open writes nothing");
        using (StateDirectory.Open(dir, StateAccess.ReadWrite))
            Assert.True(Directory.Exists(Path.Combine(dir, "work")));
    }

    [Fact]
    public void Changes_on_a_read_only_open_is_a_programming_error()
    {
        using var tmp = new TempDir();
        StateDirectory.Open(tmp.Sub("s"), StateAccess.CreateOrOpen).Dispose();
        using var state = StateDirectory.Open(tmp.Sub("s"), StateAccess.ReadOnly);
        Assert.Throws<InvalidOperationException>(() => state.Changes);
    }
}
