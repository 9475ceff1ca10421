// One writer at a time, across processes (the CrashWriter helper's "hold" mode) and within one; readers never
// wait; a writer that asked to wait gets the directory once the holder lets go.
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class LockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string MakeState(TempDir tmp)
    {
        var dir = tmp.Sub("s");
        using var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen);
        state.Changes.PutInode(Samples.Regular(1));
        state.Changes.PutDentry(new DentryRecord("/one", 1));
        return dir;
    }

    [Fact]
    public async Task A_writer_in_another_process_locks_out_writers_but_not_readers()
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        using var holder = new HelperProcess("hold", dir);
        holder.WaitForLine("locked", Patience);

        var error = Assert.Throws<StateException>(() => StateDirectory.Open(dir, StateAccess.ReadWrite));
        Assert.Equal(StateErrorKind.Locked, error.Kind);
        Assert.Contains(dir, error.Message);
        var timedOut = Assert.Throws<StateException>(() => StateDirectory.Open(dir, StateAccess.ReadWrite, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(StateErrorKind.Locked, timedOut.Kind);

        using (var reader = StateDirectory.Open(dir, StateAccess.ReadOnly))
            Assert.Equal([new DentryRecord("/one", 1)], reader.LoadImage().Dentries);

        var waiting = Task.Run(() => StateDirectory.Open(dir, StateAccess.ReadWrite, Patience));
        holder.SendLine("release");
        using var writer = await waiting;
        Assert.Equal(StateAccess.ReadWrite, writer.Access);
        holder.WaitForLine("released", Patience);
    }

    [Fact]
    public void Our_writer_locks_out_another_process()
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        using var writer = StateDirectory.Open(dir, StateAccess.ReadWrite);
        using var other = new HelperProcess("hold", dir);
        Assert.NotEqual(0, other.WaitForExit(Patience));
        Assert.Contains(other.Lines, l => l.Contains("locked by another writer"));
    }

    [Fact]
    public void A_second_writer_in_the_same_process_is_Locked_until_the_first_is_disposed()
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        var first = StateDirectory.Open(dir, StateAccess.ReadWrite);
        Assert.Equal(StateErrorKind.Locked, Assert.Throws<StateException>(() => StateDirectory.Open(dir, StateAccess.ReadWrite)).Kind);
        Assert.Equal(StateErrorKind.Locked, Assert.Throws<StateException>(() => Fsck.Run(dir, repair: true)).Kind);
        first.Dispose();
        StateDirectory.Open(dir, StateAccess.ReadWrite).Dispose();
    }
}
