// The overlay's Linux semantics, one rule per test, on in-memory layers. Each test would fail if its rule
// were broken (a copy-up skipped, a whiteout forgotten, a permission check loosened).
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Ports;
using Xunit;

namespace UjailOverlay.Core.Tests.Overlay;

public sealed class ReadThroughAndCopyUpTests
{
    [Fact]
    public void Unchanged_lower_file_reads_through_with_host_metadata()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/etc/motd", "hello", perm: 0x1A4, uid: 0);
        Assert.Equal("hello", k.Read("/etc/motd"));
        var st = k.Stat("/etc/motd");
        Assert.Equal(k.Lower.Tree.Get("/etc/motd").Ino, st.Ino);
        Assert.Empty(k.Sink.Dentries);
    }

    [Fact]
    public void Write_open_copies_up_and_never_touches_lower()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/etc/motd", "hello");
        var before = k.LowerSnapshot();
        var ino = k.Stat("/etc/motd").Ino;
        k.Write("/etc/motd", "changed");
        Assert.Equal("changed", k.Read("/etc/motd"));
        Assert.Equal(before, k.LowerSnapshot());
        Assert.Equal(ino, k.Stat("/etc/motd").Ino); // copy-up keeps the inode number
        Assert.Equal("changed", k.Upper.ReadText("etc/motd"));
    }

    [Fact]
    public void Append_open_copies_the_old_content_first()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/log", "one\n");
        k.Write("/log", "two\n", extra: OpenFlags.Append);
        Assert.Equal("one\ntwo\n", k.Read("/log"));
    }

    [Fact]
    public void Write_open_of_an_empty_lower_file_the_real_user_cannot_read_starts_empty()
    {
        // lckpwdf opens the host's 0600 root /etc/.pwd.lock O_WRONLY|O_CREAT (no O_TRUNC) under --fake-root.
        var k = new OverlayKit();
        k.Lower.AddFile("/etc/.pwd.lock", "", perm: 0x180).FailOpen("/etc/.pwd.lock", Errno.EACCES);
        Assert.Equal(Errno.OK, k.Fs.Open("/etc/.pwd.lock", OpenFlags.WriteOnly | OpenFlags.Create, 0x180, OverlayKit.Root, out var r));
        Assert.Equal(BackingKind.Upper, r.Backing.Kind);
        Assert.Equal("", k.Upper.ReadText("etc/.pwd.lock"));
    }

    [Fact]
    public void Write_open_of_a_non_empty_lower_file_the_real_user_cannot_read_fails()
    {
        // /etc/shadow under --fake-root as an unprivileged user: its content cannot be had, so no copy is made.
        var k = new OverlayKit();
        k.Lower.AddFile("/etc/shadow", "root:*:1::::::\n", perm: 0x1A0).FailOpen("/etc/shadow", Errno.EACCES);
        Assert.Equal(Errno.EACCES, k.Fs.Open("/etc/shadow", OpenFlags.ReadWrite, 0, OverlayKit.Root, out _));
        Assert.Equal(Errno.EACCES, k.Fs.Open("/etc/shadow", OpenFlags.ReadOnly, 0, OverlayKit.Root, out var r) == Errno.OK
            ? k.Lower.OpenRead(r.Backing.Path, out _) : Errno.OK); // reads still go to the (unreadable) host file
    }

    [Fact]
    public void ReadOnly_with_O_TRUNC_is_a_write()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/data", "payload");
        Assert.Equal(Errno.OK, k.Fs.Open("/data", OpenFlags.ReadOnly | OpenFlags.Truncate, 0, OverlayKit.Root, out var r));
        Assert.Equal(BackingKind.Upper, r.Backing.Kind);
        Assert.Equal("", k.Read("/data"));
        Assert.Equal("payload", System.Text.Encoding.UTF8.GetString(k.Lower.Tree.Get("/data").Content));
    }

    [Fact]
    public void Chmod_of_a_lower_file_is_metadata_only_and_virtual()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/bin/tool", "#!", perm: 0x1ED);
        Assert.Equal(Errno.OK, k.Fs.Chmod("/bin/tool", 0x1C0, true, OverlayKit.Root));
        Assert.Equal(0x1C0u, k.Stat("/bin/tool").Permissions);
        Assert.Equal(0x1EDu, k.Lower.Tree.Get("/bin/tool").Perm);
        Assert.False(k.Upper.Exists("bin/tool")); // no content copied for a chmod
        Assert.Equal(Errno.OK, k.Fs.Open("/bin/tool", OpenFlags.ReadOnly, 0, OverlayKit.Root, out var r));
        Assert.Equal(BackingKind.Lower, r.Backing.Kind);
    }

    [Fact]
    public void Changes_survive_a_reopen_from_the_recorded_image()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/a/keep", "k").AddFile("/a/gone", "g");
        k.Write("/a/new", "n");
        Assert.Equal(Errno.OK, k.Fs.Unlink("/a/gone", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Chown("/a/keep", 7, 8, true, OverlayKit.Root));
        var again = k.Reopen();
        Assert.Equal(Errno.OK, again.ListDirectory("/a", OverlayKit.Root, out var entries));
        Assert.Equal(new[] { "keep", "new" }, entries.Select(e => e.Name));
        Assert.Equal(Errno.OK, again.Stat("/a/keep", true, OverlayKit.Root, out var st));
        Assert.Equal((7u, 8u), (st.Uid, st.Gid));
    }
}

public sealed class WhiteoutAndDirectoryTests
{
    [Fact]
    public void Unlink_of_a_lower_file_hides_it_and_leaves_the_host()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/d/x", "1").AddFile("/d/y", "2");
        Assert.Equal(Errno.OK, k.Fs.Unlink("/d/x", OverlayKit.Root));
        Assert.Equal(new[] { "y" }, k.List("/d"));
        Assert.Equal(Errno.ENOENT, k.StatErr("/d/x"));
        Assert.NotNull(k.Lower.Tree.Find("/d/x"));
        Assert.Contains(k.Sink.Dentries, d => d.Path == "/d/x" && d.IsWhiteout);
        k.Write("/d/x", "again");
        Assert.Equal("again", k.Read("/d/x"));
    }

    [Fact]
    public void Rmdir_needs_an_empty_merged_directory()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/t/sub/f", "f");
        Assert.Equal(Errno.ENOTEMPTY, k.Fs.Rmdir("/t/sub", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Unlink("/t/sub/f", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Rmdir("/t/sub", OverlayKit.Root));
        Assert.Equal(Errno.ENOENT, k.StatErr("/t/sub"));
        Assert.Empty(k.List("/t"));
    }

    [Fact]
    public void A_directory_made_again_over_a_deleted_one_is_opaque()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/t/sub/old", "o");
        Assert.Equal(Errno.OK, k.Fs.Unlink("/t/sub/old", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Rmdir("/t/sub", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Mkdir("/t/sub", 0x1ED, OverlayKit.Root));
        Assert.Empty(k.List("/t/sub"));
        Assert.Equal(Errno.ENOENT, k.StatErr("/t/sub/old"));
    }

    [Fact]
    public void Merged_listing_has_no_duplicates_and_a_stable_order()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/m/b", "b").AddFile("/m/a", "a");
        k.Write("/m/b", "B");
        k.Write("/m/c", "c");
        Assert.Equal(new[] { "a", "b", "c" }, k.List("/m"));
    }

    [Fact]
    public void Mkdir_over_an_existing_name_is_EEXIST_and_under_a_file_ENOTDIR()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/f", "x");
        Assert.Equal(Errno.EEXIST, k.Fs.Mkdir("/f", 0x1ED, OverlayKit.Root));
        Assert.Equal(Errno.ENOTDIR, k.Fs.Mkdir("/f/d", 0x1ED, OverlayKit.Root));
        Assert.Equal(Errno.ENOENT, k.Fs.Mkdir("/missing/d", 0x1ED, OverlayKit.Root));
    }
}

public sealed class RenameTests
{
    [Fact]
    public void Renaming_a_lower_directory_moves_its_lower_content_never_EXDEV()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/src/dir/a", "A").AddFile("/src/dir/sub/b", "B");
        Assert.Equal(Errno.OK, k.Fs.Rename("/src/dir", "/dst", RenameFlags.None, OverlayKit.Root));
        Assert.Equal(Errno.ENOENT, k.StatErr("/src/dir"));
        Assert.Equal("A", k.Read("/dst/a"));
        Assert.Equal("B", k.Read("/dst/sub/b"));
        Assert.Equal(new[] { "a", "sub" }, k.List("/dst"));
        var again = k.Reopen();
        Assert.Equal(Errno.OK, again.Stat("/dst/sub/b", true, OverlayKit.Root, out _));
        Assert.Equal(Errno.ENOENT, again.Stat("/src/dir/a", true, OverlayKit.Root, out _));
    }

    [Fact]
    public void Rename_over_a_file_replaces_it_and_NOREPLACE_refuses()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/x", "X").AddFile("/y", "Y");
        Assert.Equal(Errno.EEXIST, k.Fs.Rename("/x", "/y", RenameFlags.NoReplace, OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Rename("/x", "/y", RenameFlags.None, OverlayKit.Root));
        Assert.Equal("X", k.Read("/y"));
        Assert.Equal(Errno.ENOENT, k.StatErr("/x"));
    }

    [Fact]
    public void Exchange_swaps_two_names()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/x", "X");
        k.Lower.AddFile("/d/inner", "I");
        Assert.Equal(Errno.OK, k.Fs.Rename("/x", "/d", RenameFlags.Exchange, OverlayKit.Root));
        Assert.Equal("X", k.Read("/d"));
        Assert.Equal("I", k.Read("/x/inner"));
    }

    [Fact]
    public void Linux_rename_errors()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/f", "f").AddFile("/dir/child", "c").AddDirectory("/dir/sub").AddDirectory("/empty");
        Assert.Equal(Errno.EISDIR, k.Fs.Rename("/f", "/empty", RenameFlags.None, OverlayKit.Root));
        Assert.Equal(Errno.ENOTDIR, k.Fs.Rename("/empty", "/f", RenameFlags.None, OverlayKit.Root));
        Assert.Equal(Errno.ENOTEMPTY, k.Fs.Rename("/empty", "/dir", RenameFlags.None, OverlayKit.Root));
        Assert.Equal(Errno.EINVAL, k.Fs.Rename("/dir", "/dir/sub/x", RenameFlags.None, OverlayKit.Root));
        Assert.Equal(Errno.ENOENT, k.Fs.Rename("/nothing", "/z", RenameFlags.None, OverlayKit.Root));
        Assert.Equal(Errno.ENOENT, k.Fs.Rename("/f", "/nothing", RenameFlags.Exchange, OverlayKit.Root));
        Assert.Equal(Errno.EINVAL, k.Fs.Rename("/f", "/g", RenameFlags.Exchange | RenameFlags.NoReplace, OverlayKit.Root));
    }
}

public sealed class LinkTests
{
    [Fact]
    public void Hard_links_share_one_inode_and_content()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/a", "one");
        Assert.Equal(Errno.OK, k.Fs.Link("/a", "/b", false, OverlayKit.Root));
        var a = k.Stat("/a");
        var b = k.Stat("/b");
        Assert.Equal(a.Ino, b.Ino);
        Assert.Equal(2u, b.Nlink);
        k.Write("/a", "two");
        Assert.Equal("two", k.Read("/b"));
        Assert.Equal(Errno.OK, k.Fs.Unlink("/a", OverlayKit.Root));
        Assert.Equal(1u, k.Stat("/b").Nlink);
        Assert.Equal("two", k.Read("/b"));
        Assert.Equal(Errno.EPERM, k.Fs.Link("/", "/rootlink", false, OverlayKit.Root));
    }

    [Fact]
    public void Symlinks_resolve_in_the_virtual_namespace()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/real/file", "content");
        Assert.Equal(Errno.OK, k.Fs.Symlink("../real", "/dir-link-parent", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Mkdir("/links", 0x1ED, OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Symlink("../real/file", "/links/f", OverlayKit.Root));
        Assert.Equal("content", k.Read("/links/f"));
        Assert.Equal(NodeType.Symlink, k.Stat("/links/f", follow: false).Type);
        Assert.Equal(Errno.OK, k.Fs.ReadLink("/links/f", OverlayKit.Root, out var t));
        Assert.Equal("../real/file", t);
        Assert.Equal(Errno.ENOTDIR, k.StatErr("/links/f/"));
        // ".." at "/" stays at "/"
        Assert.Equal("content", k.Read("/../../real/file"));
    }

    [Fact]
    public void Forty_links_resolve_and_the_forty_first_is_ELOOP()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/end", "e");
        Assert.Equal(Errno.OK, k.Fs.Symlink("/end", "/l0", OverlayKit.Root));
        for (var i = 1; i <= 40; i++) Assert.Equal(Errno.OK, k.Fs.Symlink($"/l{i - 1}", $"/l{i}", OverlayKit.Root));
        Assert.Equal(Errno.OK, k.StatErr("/l39"));
        Assert.Equal(Errno.ELOOP, k.StatErr("/l40"));
        Assert.Equal(Errno.OK, k.Fs.Symlink("/self", "/self", OverlayKit.Root));
        Assert.Equal(Errno.ELOOP, k.StatErr("/self"));
        Assert.Equal(Errno.ELOOP, k.Fs.Open("/l0", OpenFlags.ReadOnly | OpenFlags.NoFollow, 0, OverlayKit.Root, out _));
    }

    [Fact]
    public void Create_through_a_dangling_symlink_creates_its_target()
    {
        var k = new OverlayKit();
        k.Lower.AddDirectory("/tmp");
        Assert.Equal(Errno.OK, k.Fs.Symlink("/tmp/target", "/dangling", OverlayKit.Root));
        k.Write("/dangling", "via link");
        Assert.Equal("via link", k.Read("/tmp/target"));
        Assert.Equal(Errno.EEXIST, k.Fs.Open("/dangling", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, 0x1A4, OverlayKit.Root, out _));
    }

    [Fact]
    public void Name_and_path_length_limits()
    {
        var k = new OverlayKit();
        Assert.Equal(Errno.ENAMETOOLONG, k.Fs.Mkdir("/" + new string('n', 256), 0x1ED, OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.Mkdir("/" + new string('n', 255), 0x1ED, OverlayKit.Root));
        var longPath = string.Concat(Enumerable.Repeat("/a", 2048));
        Assert.Equal(Errno.ENAMETOOLONG, k.StatErr(longPath));
    }
}

public sealed class PermissionTests
{
    [Fact]
    public void A_user_cannot_write_roots_file_or_create_in_roots_directory()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/etc/passwd", "root:x:0:0", perm: 0x1A4).AddDirectory("/home/alice", 0x1ED, 1000, 1000);
        Assert.Equal(Errno.EACCES, k.Fs.Open("/etc/passwd", OpenFlags.WriteOnly, 0, OverlayKit.Alice, out _));
        Assert.Equal(Errno.EACCES, k.Fs.Open("/etc/new", OpenFlags.WriteOnly | OpenFlags.Create, 0x1A4, OverlayKit.Alice, out _));
        Assert.Equal(Errno.EACCES, k.Fs.Unlink("/etc/passwd", OverlayKit.Alice));
        k.Write("/home/alice/notes", "mine", OverlayKit.Alice);
        var st = k.Stat("/home/alice/notes");
        Assert.Equal((1000u, 1000u, 0x1A4u), (st.Uid, st.Gid, st.Permissions)); // 0644 after umask 022
    }

    [Fact]
    public void Sticky_directory_protects_other_users_entries()
    {
        var k = new OverlayKit();
        k.Lower.AddDirectory("/tmp", 0x3FF); // 1777
        k.Write("/tmp/bobs", "b", OverlayKit.Bob);
        Assert.Equal(Errno.EPERM, k.Fs.Unlink("/tmp/bobs", OverlayKit.Alice));
        Assert.Equal(Errno.EPERM, k.Fs.Rename("/tmp/bobs", "/tmp/mine", RenameFlags.None, OverlayKit.Alice));
        Assert.Equal(Errno.OK, k.Fs.Unlink("/tmp/bobs", OverlayKit.Bob));
    }

    [Fact]
    public void Setgid_directory_passes_its_group_and_the_bit_to_subdirectories()
    {
        var k = new OverlayKit();
        k.Lower.AddDirectory("/shared", 0x5FF, 0, 50); // 2777 group 50
        Assert.Equal(Errno.OK, k.Fs.Mkdir("/shared/sub", 0x1ED, OverlayKit.Alice));
        var st = k.Stat("/shared/sub");
        Assert.Equal(50u, st.Gid);
        Assert.True((st.Mode & Mode.S_ISGID) != 0);
        k.Write("/shared/file", "x", OverlayKit.Alice);
        Assert.Equal(50u, k.Stat("/shared/file").Gid);
    }

    [Fact]
    public void Only_the_owner_chmods_and_only_root_gives_files_away()
    {
        var k = new OverlayKit();
        k.Lower.AddDirectory("/home", 0x1FF);
        k.Write("/home/f", "x", OverlayKit.Alice);
        Assert.Equal(Errno.EPERM, k.Fs.Chmod("/home/f", 0x1FF, true, OverlayKit.Bob));
        Assert.Equal(Errno.EPERM, k.Fs.Chown("/home/f", 1001, uint.MaxValue, true, OverlayKit.Alice));
        Assert.Equal(Errno.OK, k.Fs.Chmod("/home/f", 0x9ED, true, OverlayKit.Alice)); // 4755
        Assert.Equal(Errno.OK, k.Fs.Chown("/home/f", 1001, uint.MaxValue, true, OverlayKit.Root));
        var st = k.Stat("/home/f");
        Assert.Equal(1001u, st.Uid);
        Assert.Equal(0u, st.Mode & Mode.S_ISUID); // chown clears set-user-ID
    }

    [Fact]
    public void Search_permission_is_checked_on_every_directory()
    {
        var k = new OverlayKit();
        k.Lower.AddDirectory("/private", 0x1C0).AddFile("/private/secret", "s", perm: 0x1B6);
        Assert.Equal(Errno.EACCES, k.StatErr("/private/secret", ctx: OverlayKit.Alice));
        Assert.Equal(Errno.OK, k.StatErr("/private/secret", ctx: OverlayKit.Root));
    }

    [Fact]
    public void Explicit_times_need_the_owner_and_now_needs_write_access()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/pub", "p", perm: 0x1B6);
        Assert.Equal(Errno.EPERM, k.Fs.Utimens("/pub", TimeUpdate.Set(new Timespec(5, 0)), TimeUpdate.Omit, true, OverlayKit.Alice));
        Assert.Equal(Errno.OK, k.Fs.Utimens("/pub", TimeUpdate.Now, TimeUpdate.Now, true, OverlayKit.Alice));
        Assert.Equal(Errno.OK, k.Fs.Utimens("/pub", TimeUpdate.Omit, TimeUpdate.Set(new Timespec(7, 9)), true, OverlayKit.Root));
        Assert.Equal(new Timespec(7, 9), k.Stat("/pub").Mtime);
    }
}

public sealed class XattrAndDeviceTests
{
    [Fact]
    public void Xattrs_are_virtual_with_create_and_replace_semantics()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/f", "x");
        k.Lower.SetXattr("/f", "user.origin", "host");
        Assert.Equal(Errno.OK, k.Fs.GetXattr("/f", "user.origin", true, OverlayKit.Root, out var v0));
        Assert.Equal("host", System.Text.Encoding.UTF8.GetString(v0));
        Assert.Equal(Errno.EEXIST, k.Fs.SetXattr("/f", "user.origin", new byte[] { 1 }, XattrFlags.Create, true, OverlayKit.Root));
        Assert.Equal(Errno.ENODATA, k.Fs.SetXattr("/f", "user.none", new byte[] { 1 }, XattrFlags.Replace, true, OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.SetXattr("/f", "user.new", new byte[] { 1, 2 }, XattrFlags.None, true, OverlayKit.Root));
        Assert.Equal(Errno.OK, k.Fs.ListXattrs("/f", true, OverlayKit.Root, out var names));
        Assert.Equal(new[] { "user.new", "user.origin" }, names.Order(StringComparer.Ordinal));
        Assert.Equal(Errno.OK, k.Fs.RemoveXattr("/f", "user.origin", true, OverlayKit.Root));
        Assert.Equal(Errno.ENODATA, k.Fs.GetXattr("/f", "user.origin", true, OverlayKit.Root, out _));
        Assert.Single(k.Lower.Tree.Get("/f").Xattrs); // the host keeps its attribute
    }

    [Fact]
    public void Device_nodes_need_CAP_MKNOD_and_live_in_the_index()
    {
        var k = new OverlayKit();
        k.Lower.AddDirectory("/dev", 0x1FF);
        Assert.Equal(Errno.EPERM, k.Fs.Mknod("/dev/mynull", (uint)NodeType.CharDevice | 0x1B6, 0x103, OverlayKit.Alice));
        Assert.Equal(Errno.OK, k.Fs.Mknod("/dev/mynull", (uint)NodeType.CharDevice | 0x1B6, 0x103, OverlayKit.Root));
        var st = k.Stat("/dev/mynull");
        Assert.Equal((NodeType.CharDevice, 0x103UL), (st.Type, st.Rdev));
        Assert.False(k.Upper.Exists("dev/mynull"));
    }
}

public sealed class PosixAclTests
{
    private static byte[] Acl(params (ushort Tag, ushort Perm)[] entries)
    {
        var b = new List<byte>(BitConverter.GetBytes(2u));
        foreach (var (tag, perm) in entries) { b.AddRange(BitConverter.GetBytes(tag)); b.AddRange(BitConverter.GetBytes(perm)); b.AddRange(BitConverter.GetBytes(uint.MaxValue)); }
        return b.ToArray();
    }

    [Fact]
    public void A_minimal_access_acl_sets_the_mode_and_is_not_kept()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/f", "x", perm: 0x180); // 0600
        var acl = Acl((0x01, 6), (0x04, 4), (0x20, 0)); // u::rw- g::r-- o::---
        Assert.Equal(Errno.OK, k.Fs.SetXattr("/f", "system.posix_acl_access", acl, XattrFlags.None, true, OverlayKit.Root));
        Assert.Equal(0x1A0u, k.Stat("/f").Permissions); // 0640
        Assert.Equal(Errno.ENODATA, k.Fs.GetXattr("/f", "system.posix_acl_access", true, OverlayKit.Root, out _));
        Assert.Equal(Errno.EINVAL, k.Fs.SetXattr("/f", "system.posix_acl_access", new byte[] { 1, 2, 3 }, XattrFlags.None, true, OverlayKit.Root));
    }

    [Fact]
    public void An_extended_acl_is_kept_and_its_mask_is_the_group_bits()
    {
        var k = new OverlayKit();
        k.Lower.AddFile("/f", "x", perm: 0x1FF);
        var acl = Acl((0x01, 7), (0x02, 5), (0x04, 7), (0x10, 5), (0x20, 1));
        Assert.Equal(Errno.OK, k.Fs.SetXattr("/f", "system.posix_acl_access", acl, XattrFlags.None, true, OverlayKit.Root));
        Assert.Equal(0x1E9u, k.Stat("/f").Permissions); // 0751
        Assert.Equal(Errno.OK, k.Fs.GetXattr("/f", "system.posix_acl_access", true, OverlayKit.Root, out var kept));
        Assert.Equal(acl, kept);
    }
}
