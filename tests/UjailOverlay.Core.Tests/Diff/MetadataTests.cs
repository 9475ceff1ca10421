// Metadata: mode, owner, group, rdev, xattrs, and mtime only when asked; symlink targets.
using System.Text;
using UjailOverlay.Core.Diff;
using static UjailOverlay.Core.Tests.Diff.DiffTestKit;
using Xunit;

namespace UjailOverlay.Core.Tests.Diff;

public sealed class MetadataTests
{
    [Fact]
    public void Chmod_is_metadata_only_with_both_modes()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.Chmod("/etc/hosts", 0x1ED);

        var change = Single(Changes(state), "/etc/hosts");

        Assert.Equal(ChangeKind.MetadataOnly, change.Kind);
        Assert.Equal(new[] { "mode" }, change.Fields);
        Assert.Equal((0x1A4u, 0x1EDu), (change.OldMode!.Value, change.NewMode!.Value));
        Assert.Equal(20L, change.NewSize);
    }

    [Fact]
    public void Setuid_and_sticky_bits_count_as_mode()
    {
        var state = StandardHost();
        state.CopyUp("/usr/bin/tool");
        state.Chmod("/usr/bin/tool", Mode.S_ISUID | 0x1ED);

        Assert.Equal(0x9EDu, Single(Changes(state), "/usr/bin/tool").NewMode);
    }

    [Fact]
    public void Chown_lists_owner_and_group_separately()
    {
        var state = StandardHost();
        state.CopyUp("/var/log/syslog");
        state.Chown("/var/log/syslog", 1000, 4);
        state.CopyUp("/etc/motd");
        state.Chown("/etc/motd", 0, 100);

        var changes = Changes(state);

        Assert.Equal(new[] { "MetadataOnly /etc/motd [group]", "MetadataOnly /var/log/syslog [owner]" }, Summary(changes));
        var syslog = Single(changes, "/var/log/syslog");
        Assert.Equal((0u, 1000u), (syslog.OldUid!.Value, syslog.NewUid!.Value));
    }

    [Fact]
    public void A_modified_file_with_metadata_changes_is_modified_and_lists_them()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.WriteUpper("/etc/hosts", "::1 localhost\n");
        state.Chmod("/etc/hosts", 0x180);
        state.Chown("/etc/hosts", 1000, 1000);

        Assert.Equal(new[] { "Modified /etc/hosts [content,mode,owner,group]" }, Summary(Changes(state)));
    }

    [Fact]
    public void Xattrs_differ_when_added_changed_or_removed()
    {
        var state = StandardHost();
        state.Lower.SetXattr("/etc/passwd", "user.tag", "a").SetXattr("/etc/motd", "user.tag", "a");
        state.CopyUp("/etc/hosts");
        state.SetXattr("/etc/hosts", "user.new", "1");
        state.CopyUp("/etc/passwd");
        state.SetXattr("/etc/passwd", "user.tag", "b");
        state.CopyUp("/etc/motd");
        state.Edit("/etc/motd", i => i with { Xattrs = new Dictionary<string, byte[]>() });

        Assert.Equal(new[]
        {
            "MetadataOnly /etc/hosts [xattrs]", "MetadataOnly /etc/motd [xattrs]", "MetadataOnly /etc/passwd [xattrs]",
        }, Summary(Changes(state)));
    }

    [Fact]
    public void Copied_xattrs_are_no_change()
    {
        var state = StandardHost();
        state.Lower.SetXattr("/etc/passwd", "security.selinux", "system_u:object_r:passwd_file_t");
        state.CopyUp("/etc/passwd");

        Assert.Empty(Changes(state));
    }

    [Fact]
    public void Mtime_counts_only_with_times_and_to_the_nanosecond()
    {
        var state = StandardHost();
        state.CopyUp("/etc/hosts");
        state.Edit("/etc/hosts", i => i with { Mtime = i.Mtime with { Nsec = i.Mtime.Nsec + 1 } });

        Assert.Empty(Changes(state));
        var change = Single(Changes(state, new DiffOptions { Times = true }), "/etc/hosts");
        Assert.Equal(new[] { "mtime" }, change.Fields);
        Assert.Equal(1L, change.NewMtime!.Value.Nsec - change.OldMtime!.Value.Nsec);
    }

    [Fact]
    public void A_directory_has_metadata_changes_only()
    {
        var state = StandardHost();
        state.CopyUp("/etc");
        state.Chmod("/etc", 0x1C0);

        Assert.Equal(new[] { "MetadataOnly /etc [mode]" }, Summary(Changes(state)));
    }

    [Fact]
    public void The_root_directory_can_change_too()
    {
        var state = StandardHost();
        var root = state.Lower.Stat("/");
        state.Put("/", new Persistence.InodeRecord(Persistence.OverlayImage.FirstUpperIno + 50, NodeType.Directory,
            0x1FF, 0, 0, 0, root.Atime, root.Mtime, root.Ctime, false, "/", null, null, false, null,
            new Dictionary<string, byte[]>()));
        state.CreateFile("/hello", "hi");

        Assert.Equal(new[] { "MetadataOnly / [mode]", "Added /hello" }, Summary(Changes(state)));
    }

    [Fact]
    public void A_retargeted_symlink_has_both_targets()
    {
        var state = StandardHost();
        state.Whiteout("/bin");
        state.CreateSymlink("/bin", "/opt/bin", uid: 1000);

        var change = Single(Changes(state), "/bin");

        Assert.Equal(ChangeKind.Retargeted, change.Kind);
        Assert.Equal(new[] { "target", "owner" }, change.Fields);
        Assert.Equal(("usr/bin", "/opt/bin"), (change.OldTarget, change.NewTarget));
        Assert.Null(change.OldSize);
    }

    [Fact]
    public void Symlink_permission_bits_are_ignored()
    {
        var state = StandardHost();
        state.CopyUp("/bin");
        state.Chmod("/bin", 0); // Linux ignores them (symlink(7)); a record may hold anything

        Assert.Empty(Changes(state));
    }

    [Fact]
    public void A_symlink_with_the_same_target_and_owner_is_a_noop()
    {
        var state = StandardHost();
        state.Whiteout("/bin");
        state.CreateSymlink("/bin", "usr/bin");

        Assert.Empty(Changes(state));
        Assert.Equal(ChangeKind.Noop, Single(Changes(state, new DiffOptions { IncludeNoops = true }), "/bin").Kind);
    }

    [Fact]
    public void Device_numbers_count_for_devices()
    {
        var state = StandardHost();
        state.Whiteout("/dev/null");
        state.CreateDevice("/dev/null", NodeType.CharDevice, rdev: 0x105);

        Assert.Equal(new[] { "MetadataOnly /dev/null [rdev]" }, Summary(Changes(state)));
    }

    [Fact]
    public void A_fifo_copied_up_and_chmodded_is_metadata_only()
    {
        var state = StandardHost();
        state.CopyUp("/run/fifo");
        state.Chmod("/run/fifo", 0x180);

        Assert.Equal(new[] { "MetadataOnly /run/fifo [mode]" }, Summary(Changes(state)));
    }

    [Fact]
    public void Xattr_values_are_compared_byte_for_byte()
    {
        var state = StandardHost();
        state.Lower.SetXattr("/etc/motd", "user.bin", "\u00e9");
        state.CopyUp("/etc/motd");
        state.Edit("/etc/motd", i => i with
        {
            Xattrs = new Dictionary<string, byte[]> { ["user.bin"] = Encoding.Latin1.GetBytes("\u00e9") },
        });

        Assert.Equal(new[] { "MetadataOnly /etc/motd [xattrs]" }, Summary(Changes(state)));
    }
}
