// Regular-file content: the size check, the origin hash, host drift, and content that lives in the lower file.
using UjailOverlay.Core.Diff;
using static UjailOverlay.Core.Tests.Diff.DiffTestKit;
using Xunit;

namespace UjailOverlay.Core.Tests.Diff;

public sealed class ContentTests
{
    [Fact]
    public void A_copy_up_left_as_it_was_is_no_change_and_is_proven_by_hash()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.Lower.Reads.Clear(); // the copy-up itself read it

        Assert.Empty(Changes(state));
        Assert.Equal(1, state.Upper.Reads.GetValueOrDefault("/etc/hosts"));
        Assert.Equal(0, state.Lower.Reads.GetValueOrDefault("/etc/hosts")); // the origin hash stands in for the host
    }

    [Fact]
    public void A_copy_up_with_new_content_of_another_size_is_modified_without_hashing()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.WriteUpper("/etc/hosts", "127.0.0.1 localhost\n10.0.0.1 db\n");

        var change = Single(Changes(state), "/etc/hosts");

        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.Equal(new[] { "content" }, change.Fields);
        Assert.Equal((20L, 32L), (change.OldSize!.Value, change.NewSize!.Value));
        Assert.False(change.Drifted);
        Assert.Equal(0, state.Upper.Reads.GetValueOrDefault("/etc/hosts"));
    }

    [Fact]
    public void A_copy_up_with_new_content_of_the_same_size_is_modified_by_hash()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.WriteUpper("/etc/hosts", "127.0.0.2 localhost\n");

        Assert.Equal(new[] { "Modified /etc/hosts [content]" }, Summary(Changes(state)));
        Assert.Equal(1, state.Upper.Reads.GetValueOrDefault("/etc/hosts"));
    }

    [Fact]
    public void Content_written_back_to_what_it_was_is_no_change()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.WriteUpper("/etc/hosts", "garbage");
        state.WriteUpper("/etc/hosts", "127.0.0.1 localhost\n");

        Assert.Empty(Changes(state));
    }

    [Fact]
    public void Without_an_origin_hash_equal_content_cannot_be_proven_and_is_modified()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.Edit("/etc/hosts", i => i with { Origin = i.Origin! with { Sha256 = null } });

        Assert.Equal(new[] { "Modified /etc/hosts [content]" }, Summary(Changes(state)));
    }

    [Fact]
    public void A_new_file_over_a_host_file_is_modified_even_with_the_same_bytes()
    {
        var state = StandardHost();
        state.Whiteout("/etc/motd");
        state.CreateFile("/etc/motd", "welcome\n"); // e.g. sed -i: a new inode renamed over the old name

        var change = Single(Changes(state), "/etc/motd");
        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.False(change.Drifted);
    }

    [Fact]
    public void A_host_file_changed_after_copy_up_is_drift()
    {
        var state = StandardHost();
        state.CopyUp("/etc/passwd");
        state.Lower.HostWrite("/etc/passwd", "root:x:0:0::/root:/bin/bash\n");

        var change = Single(Changes(state), "/etc/passwd");

        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.True(change.Drifted);
        Assert.Equal(28L, change.OldSize);
        Assert.Equal(26L, change.NewSize);
    }

    [Fact]
    public void A_host_file_only_touched_after_copy_up_is_still_drift()
    {
        // Same bytes, but nothing short of reading the host proves it; the identity says it changed.
        var state = StandardHost();
        state.CopyUp("/etc/passwd");
        state.Lower.HostTouch("/etc/passwd");

        var change = Single(Changes(state), "/etc/passwd");
        Assert.Equal((ChangeKind.Modified, true), (change.Kind, change.Drifted));
        Assert.Equal(0, state.Upper.Reads.GetValueOrDefault("/etc/passwd"));
    }

    [Fact]
    public void A_host_file_replaced_by_another_inode_is_drift()
    {
        var state = StandardHost();
        state.CopyUp("/etc/passwd");
        state.Lower.HostRemove("/etc/passwd");
        state.Lower.AddFile("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"); // same bytes, new inode

        Assert.True(Single(Changes(state), "/etc/passwd").Drifted);
    }

    [Fact]
    public void A_copied_up_file_whose_host_file_is_gone_is_added()
    {
        var state = StandardHost();
        state.CopyUp("/etc/passwd");
        state.Lower.HostRemove("/etc/passwd");

        var change = Single(Changes(state), "/etc/passwd");
        Assert.Equal(ChangeKind.Added, change.Kind);
        Assert.False(change.Drifted);
    }

    [Fact]
    public void A_metadata_only_copy_up_reads_content_from_the_host_and_never_differs_in_content()
    {
        var state = StandardHost();
        state.CopyUp("/usr/bin/tool", data: false);
        state.Chmod("/usr/bin/tool", 0x1C0); // 0700
        state.Lower.HostWrite("/usr/bin/tool", "#!/bin/bash\n"); // the merged view shows this too

        var change = Single(Changes(state), "/usr/bin/tool");

        Assert.Equal(ChangeKind.MetadataOnly, change.Kind);
        Assert.Equal(new[] { "mode" }, change.Fields);
        Assert.Equal(12L, change.NewSize);
        Assert.False(change.Drifted);
    }

    [Fact]
    public void A_metadata_only_copy_up_moved_elsewhere_compares_both_host_files()
    {
        var state = StandardHost();
        state.Lower.AddFile("/srv/one", "same").AddFile("/srv/two", "same").AddFile("/srv/three", "diff");
        var one = state.CopyUp("/srv/one", data: false);
        state.Whiteout("/srv/one");
        state.Put("/srv/two", one);
        state.Put("/srv/three", one with { Ino = one.Ino + 100 });

        Assert.Equal(new[] { "Deleted /srv/one", "Modified /srv/three [content]" }, Summary(Changes(state)));
    }

    [Fact]
    public void An_upper_file_missing_from_the_upper_tree_is_modified_with_unknown_size()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.Upper.Unlink("etc/hosts");

        var change = Single(Changes(state), "/etc/hosts");
        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.Null(change.NewSize);
    }

    [Fact]
    public void A_host_file_that_cannot_be_read_makes_a_moved_copy_modified()
    {
        var state = StandardHost();
        state.Lower.AddFile("/srv/one", "same").AddFile("/srv/two", "same").FailOpen("/srv/two", Errno.EACCES);
        state.Put("/srv/two", state.CopyUp("/srv/one", data: false));

        Assert.Equal(new[] { "Modified /srv/two [content]" }, Summary(Changes(state)));
    }
}
