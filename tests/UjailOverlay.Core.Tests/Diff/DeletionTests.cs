// Whiteouts and opaque directories: what the merged view hides from the host.
using UjailOverlay.Core.Diff;
using static UjailOverlay.Core.Tests.Diff.DiffTestKit;
using Xunit;

namespace UjailOverlay.Core.Tests.Diff;

public sealed class DeletionTests
{
    [Fact]
    public void An_empty_image_changes_nothing()
    {
        Assert.Empty(Changes(StandardHost()));
    }

    [Fact]
    public void A_whiteout_over_a_host_file_is_a_deletion_with_the_host_facts()
    {
        var state = StandardHost();
        state.Whiteout("/etc/motd");

        var changes = Changes(state);

        Assert.Equal(new[] { "Deleted /etc/motd" }, Summary(changes));
        var motd = changes[0];
        Assert.Equal(NodeType.Regular, motd.OldType);
        Assert.Null(motd.NewType);
        Assert.Equal(8L, motd.OldSize);
        Assert.Equal(0x1A4u, motd.OldMode);
        Assert.Null(motd.NewMode);
        Assert.Equal(0u, motd.OldUid);
    }

    [Fact]
    public void The_copied_up_parent_of_a_whiteout_is_not_a_change()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl/cert.pem");

        Assert.Equal(new[] { "Deleted /etc/ssl/cert.pem" }, Summary(Changes(state)));
        Assert.Equal(new[] { "Noop /etc", "Noop /etc/ssl", "Deleted /etc/ssl/cert.pem" },
            Summary(Changes(state, new DiffOptions { IncludeNoops = true })));
    }

    [Fact]
    public void A_whiteout_over_nothing_is_reported_only_as_a_noop()
    {
        var state = StandardHost();
        state.Whiteout("/etc/never-there");

        Assert.Empty(Changes(state));
        var noop = Single(Changes(state, new DiffOptions { IncludeNoops = true }), "/etc/never-there");
        Assert.Equal(ChangeKind.Noop, noop.Kind);
        Assert.False(noop.IsDifference);
        Assert.Null(noop.OldType);
    }

    [Fact]
    public void A_whiteout_over_a_host_directory_is_reported_once()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");

        var changes = Changes(state);

        Assert.Equal(new[] { "Deleted /etc/ssl" }, Summary(changes));
        Assert.Equal(NodeType.Directory, changes[0].OldType);
        Assert.Null(changes[0].OldSize);
    }

    [Fact]
    public void Expand_lists_every_host_path_beneath_a_deleted_directory()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");

        var changes = Changes(state, new DiffOptions { Expand = true });

        Assert.Equal(new[]
        {
            "Deleted /etc/ssl", "Deleted /etc/ssl/cert.pem", "Deleted /etc/ssl/private", "Deleted /etc/ssl/private/key",
        }, Summary(changes));
        Assert.Equal(3L, Single(changes, "/etc/ssl/private/key").OldSize);
    }

    [Fact]
    public void A_filter_inside_a_deleted_directory_reports_the_filtered_part()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");

        var changes = Changes(state, new DiffOptions { Paths = new[] { "/etc/ssl/private" } });

        Assert.Equal(new[] { "Deleted /etc/ssl/private" }, Summary(changes));
    }

    [Fact]
    public void A_filter_on_a_host_path_that_does_not_exist_reports_nothing()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");

        Assert.Empty(Changes(state, new DiffOptions { Paths = new[] { "/etc/ssl/nope" } }));
    }

    [Fact]
    public void An_opaque_directory_deletes_each_host_child_it_does_not_recreate()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");
        state.CreateDirectory("/etc/ssl"); // over the whiteout: opaque
        state.CreateFile("/etc/ssl/cert.pem", "NEW CERT");
        state.CreateFile("/etc/ssl/extra.pem", "X");

        var changes = Changes(state);

        Assert.True(state.InodeAt("/etc/ssl").Opaque);
        Assert.Equal(new[]
        {
            "Modified /etc/ssl/cert.pem [content]", "Added /etc/ssl/extra.pem", "Deleted /etc/ssl/private",
        }, Summary(changes));
    }

    [Fact]
    public void An_opaque_directory_with_expand_lists_deleted_host_subdirectories_in_full()
    {
        var state = StandardHost();
        state.Whiteout("/etc/ssl");
        state.CreateDirectory("/etc/ssl");

        Assert.Equal(new[] { "Deleted /etc/ssl/cert.pem", "Deleted /etc/ssl/private", "Deleted /etc/ssl/private/key" },
            Summary(Changes(state, new DiffOptions { Expand = true })));
    }

    [Fact]
    public void A_whiteout_inside_an_opaque_directory_is_reported_once()
    {
        var state = StandardHost();
        state.CopyUp("/etc/ssl");
        state.Edit("/etc/ssl", i => i with { Opaque = true });
        state.Whiteout("/etc/ssl/cert.pem");

        Assert.Equal(new[] { "Deleted /etc/ssl/cert.pem", "Deleted /etc/ssl/private" }, Summary(Changes(state)));
    }

    [Fact]
    public void A_deleted_symlink_reports_its_old_target()
    {
        var state = StandardHost();
        state.Whiteout("/bin");

        var bin = Single(Changes(state), "/bin");
        Assert.Equal(ChangeKind.Deleted, bin.Kind);
        Assert.Equal(NodeType.Symlink, bin.OldType);
        Assert.Equal("usr/bin", bin.OldTarget);
    }

    [Fact]
    public void Hidden_host_paths_are_never_reported_as_deleted()
    {
        var state = StandardHost();
        state.Lower.AddFile("/var/lib/ujail/state/index.db", "x").Hide("/var/lib/ujail");
        state.CopyUp("/var");
        state.Edit("/var", i => i with { Opaque = true });

        Assert.Equal(new[] { "Deleted /var/lib", "Deleted /var/log", "Deleted /var/log/syslog" },
            Summary(Changes(state, new DiffOptions { Expand = true })));
    }
}
