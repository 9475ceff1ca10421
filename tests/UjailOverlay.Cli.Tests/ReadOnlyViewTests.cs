// The inspection overlay cannot write: ReadOnlySink and ReadOnlyUpperTree throw on every change, so an overlay
// built over them refuses a copy-up or a create instead of touching the state.
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Persistence;
using Xunit;

namespace UjailOverlay.Cli.Tests;

public sealed class ReadOnlyViewTests
{
    [Fact]
    public void The_sink_refuses_every_change()
    {
        var sink = ReadOnlySink.Instance;

        Assert.Throws<InvalidOperationException>(() => sink.DropDentry("/etc/hosts"));
        Assert.Throws<InvalidOperationException>(() => sink.PutDentry(new DentryRecord("/x", 0)));
        Assert.Throws<InvalidOperationException>(() => sink.DropInode(7));
        Assert.Throws<InvalidOperationException>(() => sink.SetNextIno(9));
        Assert.Throws<InvalidOperationException>(() => sink.Journal(new JournalEntry(DateTimeOffset.UnixEpoch, 1, null, null, "unlink", "/x", null, 0)));
        sink.Flush(); // nothing pending: fine
    }

    [Fact]
    public void The_upper_tree_refuses_every_change_but_reads()
    {
        var state = ViewState.Build();
        var upper = new ReadOnlyUpperTree(state.Upper);

        Assert.Equal(Errno.OK, upper.Lstat("etc/hosts", out _));
        Assert.Equal(Errno.OK, upper.OpenRead("etc/hosts", out var stream));
        stream.Dispose();
        Assert.Throws<InvalidOperationException>(() => upper.MakeDirectory("x"));
        Assert.Throws<InvalidOperationException>(() => upper.CreateFile("x"));
        Assert.Throws<InvalidOperationException>(() => upper.Unlink("etc/hosts"));
        Assert.Throws<InvalidOperationException>(() => upper.CopyUp("/etc/motd", "etc/motd", out _));
        Assert.Throws<InvalidOperationException>(() => upper.OpenWrite("etc/hosts", true, false, out _));
        Assert.Throws<InvalidOperationException>(() => upper.SetTimes("etc/hosts", null, null));
    }

    [Fact]
    public void A_write_through_the_view_is_a_loud_bug_not_a_change()
    {
        var state = ViewState.Build();
        using var view = new FakeMergedView("s", state).Open("s");
        var before = state.Upper.Tree.Paths.Order(StringComparer.Ordinal).ToArray();

        Assert.Throws<InvalidOperationException>(() =>
            view.Overlay.Open("/usr/share/zoneinfo/UTC", OpenFlags.WriteOnly, 0, OpContext.Root, out _));
        Assert.Throws<InvalidOperationException>(() => view.Overlay.Mkdir("/new", 0x1ED, OpContext.Root));

        Assert.Equal(before, state.Upper.Tree.Paths.Order(StringComparer.Ordinal).ToArray());
    }
}
