// Objects the merged view has where the host has none, and objects whose type differs from the host's.
using UjailOverlay.Core.Diff;
using static UjailOverlay.Core.Tests.Diff.DiffTestKit;
using Xunit;

namespace UjailOverlay.Core.Tests.Diff;

public sealed class AdditionTests
{
    [Fact]
    public void A_new_file_is_added_with_its_facts()
    {
        var state = StandardHost();
        state.CreateFile("/etc/new.conf", "key=value\n", perm: 0x180, uid: 1000, gid: 100);

        var added = Single(Changes(state), "/etc/new.conf");

        Assert.Equal(ChangeKind.Added, added.Kind);
        Assert.Null(added.OldType);
        Assert.Equal(NodeType.Regular, added.NewType);
        Assert.Equal(10L, added.NewSize);
        Assert.Equal(0x180u, added.NewMode);
        Assert.Equal(1000u, added.NewUid);
        Assert.Equal(100u, added.NewGid);
        Assert.Empty(added.Fields);
    }

    [Fact]
    public void An_added_directory_lists_its_children_individually_after_itself()
    {
        var state = StandardHost();
        state.CreateFile("/opt/app/bin/run", "x");
        state.CreateSymlink("/opt/app/current", "bin");
        state.CreateFifo("/opt/app/pipe");

        Assert.Equal(new[]
        {
            "Added /opt", "Added /opt/app", "Added /opt/app/bin", "Added /opt/app/bin/run", "Added /opt/app/current",
            "Added /opt/app/pipe",
        }, Summary(Changes(state)));
        Assert.Equal("bin", Single(Changes(state), "/opt/app/current").NewTarget);
    }

    [Fact]
    public void A_file_replaced_by_a_directory_is_a_type_change_and_its_children_are_added()
    {
        var state = StandardHost();
        state.Whiteout("/etc/motd");
        state.CreateDirectory("/etc/motd");
        state.CreateFile("/etc/motd/10-welcome", "hi");

        var changes = Changes(state);

        Assert.Equal(new[] { "TypeChanged /etc/motd [type]", "Added /etc/motd/10-welcome" }, Summary(changes));
        Assert.Equal(NodeType.Regular, changes[0].OldType);
        Assert.Equal(NodeType.Directory, changes[0].NewType);
        Assert.Equal(8L, changes[0].OldSize);
    }

    [Fact]
    public void A_directory_replaced_by_a_file_is_one_type_change_unless_expanded()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");
        state.CreateFile("/etc/ssl", "not a dir any more");

        Assert.Equal(new[] { "TypeChanged /etc/ssl [type]" }, Summary(Changes(state)));
        Assert.Equal(new[]
        {
            "TypeChanged /etc/ssl [type]", "Deleted /etc/ssl/cert.pem", "Deleted /etc/ssl/private",
            "Deleted /etc/ssl/private/key",
        }, Summary(Changes(state, new DiffOptions { Expand = true })));
    }

    [Fact]
    public void A_symlink_replaced_by_a_directory_does_not_look_through_the_host_symlink()
    {
        var state = StandardHost();
        state.Whiteout("/bin");
        state.CreateFile("/bin/tool", "#!/bin/sh\n"); // /usr/bin/tool exists, but /bin is a symlink on the host

        var changes = Changes(state);

        Assert.Equal(new[] { "TypeChanged /bin [type]", "Added /bin/tool" }, Summary(changes));
        Assert.Equal("usr/bin", changes[0].OldTarget);
        Assert.Null(changes[0].NewTarget);
    }

    [Fact]
    public void A_new_fifo_over_a_host_file_is_a_type_change()
    {
        var state = StandardHost();
        state.Whiteout("/etc/motd");
        state.CreateFifo("/etc/motd");

        var change = Single(Changes(state), "/etc/motd");
        Assert.Equal((ChangeKind.TypeChanged, NodeType.Regular, NodeType.Fifo), (change.Kind, change.OldType, change.NewType));
    }

    [Fact]
    public void A_hard_link_to_a_copied_up_file_is_added_at_its_new_name()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.Link("/etc/hosts", "/etc/hosts.bak");

        Assert.Equal(new[] { "Added /etc/hosts.bak" }, Summary(Changes(state)));
        Assert.Equal(20L, Single(Changes(state), "/etc/hosts.bak").NewSize);
    }

    [Fact]
    public void A_renamed_host_directory_is_deleted_at_its_old_path_and_added_with_its_lower_entries()
    {
        var state = StandardHost();
        state.RenameLowerDirectory("/etc/ssl", "/etc/tls");
        state.CreateFile("/etc/tls/new.pem", "N");

        var changes = Changes(state);

        Assert.Equal(new[]
        {
            "Deleted /etc/ssl", "Added /etc/tls", "Added /etc/tls/cert.pem", "Added /etc/tls/new.pem",
            "Added /etc/tls/private", "Added /etc/tls/private/key",
        }, Summary(changes));
        Assert.Equal(4L, Single(changes, "/etc/tls/cert.pem").NewSize);
        Assert.Equal(0x180u, Single(changes, "/etc/tls/private/key").NewMode);
    }

    [Fact]
    public void A_directory_renamed_over_a_host_directory_compares_entries_by_name()
    {
        var state = StandardHost();
        state.Lower.AddFile("/srv/a/same", "S").AddFile("/srv/a/only-a", "A").AddFile("/srv/a/differs", "1")
            .AddFile("/srv/b/same", "S").AddFile("/srv/b/only-b", "B").AddFile("/srv/b/differs", "2");
        state.Whiteout("/srv/b");
        state.RenameLowerDirectory("/srv/a", "/srv/b");

        Assert.Equal(new[]
        {
            "Deleted /srv/a", "Modified /srv/b/differs [content]", "Added /srv/b/only-a", "Deleted /srv/b/only-b",
        }, Summary(Changes(state)));
    }

    [Fact]
    public void A_file_copied_up_then_moved_is_added_at_its_new_path()
    {
        var state = StandardHost();
        var moved = state.CopyUp("/etc/motd");
        state.Whiteout("/etc/motd");
        state.Put("/etc/motd.old", moved);
        state.Upper.WriteFile("etc/motd.old", "welcome\n");

        Assert.Equal(new[] { "Deleted /etc/motd", "Added /etc/motd.old" }, Summary(Changes(state)));
    }

    [Fact]
    public void A_lower_layer_without_a_root_makes_everything_added()
    {
        var state = new Fakes.FakeState(new Fakes.FakeLowerLayer().Hide("/"));
        state.CreateFile("/a/b", "x");

        Assert.Equal(new[] { "Added /a", "Added /a/b" }, Summary(Changes(state)));
    }
}
