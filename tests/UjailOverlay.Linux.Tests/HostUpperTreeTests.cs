// HostUpperTree: every operation, and planted symlinks inside upper/ (to a canary directory outside, and to
// /etc) that no operation may follow: the call fails (ELOOP/ENOTDIR) or acts on the link itself, and the
// outside stays byte- and metadata-identical.
using System.Security.Cryptography;
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Tests.Support;

namespace UjailOverlay.Linux.Tests;

public class HostUpperTreeTests : IDisposable
{
    private readonly TempDir _dir = new("upper");
    private readonly string _upper, _work, _outside, _lowerRoot;
    private readonly string _canary = $"ujail-canary-{Guid.NewGuid():N}";

    public HostUpperTreeTests()
    {
        _upper = _dir.Sub("state/upper");
        _work = _dir.Sub("state/work");
        _outside = _dir.Sub("outside");
        _dir.File("outside/hostfile", "host data");
        _lowerRoot = _dir.Sub("lower");
        _dir.File("lower/etc/hosts", "127.0.0.1 localhost\n");
        _dir.File("lower/bin/tool", "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(_lowerRoot, "bin/tool"), (UnixFileMode)0x1ed /* 0755 */);
        _dir.Link("lower/etc/link", "hosts");
        // Planted: upper/evil -> outside, upper/etc -> /etc.
        File.CreateSymbolicLink(Path.Combine(_upper, "evil"), _outside);
        File.CreateSymbolicLink(Path.Combine(_upper, "etc"), "/etc");
    }

    public void Dispose()
    {
        Assert.False(Path.Exists(Path.Combine("/etc", _canary)), "/etc was written through a planted symlink");
        _dir.Dispose();
    }

    private HostUpperTree Tree(HostLowerLayer? lower = null) => new(_upper, _work, lower);

    private string U(string rel) => Path.Combine(_upper, rel);

    [Fact]
    public void Creates_files_dirs_symlinks_fifos_with_private_real_modes()
    {
        using var t = Tree();
        Assert.Equal(Errno.OK, t.MakeDirectory("d"));
        Assert.Equal(Errno.OK, t.CreateFile("d/f"));
        Assert.Equal(Errno.OK, t.CreateSymlink("d/s", "../anywhere"));
        Assert.Equal(Errno.OK, t.CreateFifo("d/p"));
        Assert.Equal(Errno.EEXIST, t.CreateFile("d/f"));
        Assert.Equal(Errno.EEXIST, t.MakeDirectory("d"));
        Assert.Equal(Errno.ENOENT, t.CreateFile("nodir/f"));

        Assert.Equal(Errno.OK, t.Lstat("d", out var d));
        Assert.Equal(NodeType.Directory, d.Type);
        Assert.Equal(0x1c0u, d.Permissions); // 0700
        Assert.Equal(Errno.OK, t.Lstat("d/f", out var f));
        Assert.Equal(NodeType.Regular, f.Type);
        Assert.Equal(0x180u, f.Permissions); // 0600
        Assert.Equal(Errno.OK, t.Lstat("d/s", out var s));
        Assert.Equal(NodeType.Symlink, s.Type);
        Assert.Equal("../anywhere", new FileInfo(U("d/s")).LinkTarget);
        Assert.Equal(Errno.OK, t.Lstat("d/p", out var p));
        Assert.Equal(NodeType.Fifo, p.Type);
        Assert.Equal(0x180u, p.Permissions);
        Assert.Equal(Errno.OK, t.Lstat("", out var root));
        Assert.True(root.IsDirectory);
    }

    [Fact]
    public void Unclean_relative_paths_are_refused()
    {
        using var t = Tree();
        foreach (var bad in new[] { "/abs", "a/../b", "..", ".", "a//b", "a/", "a/./b", "a\0b" })
        {
            Assert.Equal(Errno.EINVAL, t.CreateFile(bad));
            Assert.Equal(Errno.EINVAL, t.RemoveTree(bad));
            Assert.Equal(Errno.EINVAL, t.Lstat(bad, out _));
        }
        Assert.Equal(Errno.EINVAL, t.Rename("ok", "../out", RenameFlags.None));
    }

    [Fact]
    public void Unlink_rename_link_truncate()
    {
        using var t = Tree();
        File.WriteAllText(U("a"), "0123456789");
        Assert.Equal(Errno.OK, t.Rename("a", "b", RenameFlags.None));
        Assert.False(File.Exists(U("a")));
        File.WriteAllText(U("c"), "c");
        Assert.Equal(Errno.EEXIST, t.Rename("b", "c", RenameFlags.NoReplace));
        Assert.Equal(Errno.OK, t.Rename("b", "c", RenameFlags.Exchange));
        Assert.Equal("c", File.ReadAllText(U("b")));
        Assert.Equal("0123456789", File.ReadAllText(U("c")));
        Assert.Equal(Errno.OK, t.Link("c", "c2"));
        Assert.Equal(Errno.OK, t.Lstat("c2", out var c2));
        Assert.Equal(2u, c2.Nlink);
        Assert.Equal(Errno.OK, t.Truncate("c", 4));
        Assert.Equal("0123", File.ReadAllText(U("c2")));
        Assert.Equal(Errno.OK, t.Unlink("c2"));
        Assert.Equal(Errno.ENOENT, t.Unlink("c2"));
        Directory.CreateDirectory(U("dir"));
        Assert.Equal(Errno.EISDIR, t.Unlink("dir"));
        Assert.Equal(Errno.EISDIR, t.Truncate("dir", 0));
    }

    [Fact]
    public void Streams_read_write_truncate_append()
    {
        using var t = Tree();
        Assert.Equal(Errno.OK, t.CreateFile("f"));
        Assert.Equal(Errno.OK, t.OpenWrite("f", truncate: false, append: false, out var w));
        using (var sw = new StreamWriter(w))
            sw.Write("hello");
        Assert.Equal(Errno.OK, t.OpenWrite("f", truncate: false, append: true, out var a));
        using (var sw = new StreamWriter(a))
            sw.Write(" world");
        Assert.Equal(Errno.OK, t.OpenRead("f", out var r));
        using (var sr = new StreamReader(r))
            Assert.Equal("hello world", sr.ReadToEnd());
        Assert.Equal(Errno.OK, t.OpenWrite("f", truncate: true, append: false, out var tr));
        using (var sw = new StreamWriter(tr))
            sw.Write("x");
        Assert.Equal("x", File.ReadAllText(U("f")));
        Assert.Equal(Errno.ENOENT, t.OpenWrite("missing", false, false, out _));
        Assert.Equal(Errno.OK, t.CreateFifo("p"));
        Assert.Equal(Errno.EINVAL, t.OpenRead("p", out _)); // no hang on a FIFO
    }

    [Fact]
    public void SetRealMode_keeps_exec_bits_and_owner_access_only()
    {
        using var t = Tree();
        t.CreateFile("f");
        t.MakeDirectory("d");
        t.CreateSymlink("s", "f");
        Assert.Equal(Errno.OK, t.SetRealMode("f", 0x1ed)); // 0755
        Assert.Equal(Errno.OK, t.Lstat("f", out var f));
        Assert.Equal(0x1c9u, f.Permissions); // 0711
        Assert.Equal(Errno.OK, t.SetRealMode("f", 0x1a4)); // 0644
        t.Lstat("f", out f);
        Assert.Equal(0x180u, f.Permissions); // 0600
        Assert.Equal(Errno.OK, t.SetRealMode("d", 0x1ff));
        t.Lstat("d", out var d);
        Assert.Equal(0x1c0u, d.Permissions);
        Assert.Equal(Errno.OK, t.SetRealMode("s", 0x1ff)); // the link is left alone; f is untouched
        t.Lstat("f", out f);
        Assert.Equal(0x180u, f.Permissions);
    }

    [Fact]
    public void CopyUp_copies_content_hashes_and_leaves_no_temp()
    {
        using var t = Tree();
        Assert.Equal(Errno.OK, t.MakeDirectory("e"));
        var src = Path.Combine(_lowerRoot, "etc/hosts");
        Assert.Equal(Errno.OK, t.CopyUp(src, "e/hosts", out var sha));
        Assert.Equal(File.ReadAllText(src), File.ReadAllText(U("e/hosts")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(src))), sha);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
        Assert.Equal(Errno.OK, t.Lstat("e/hosts", out var st));
        Assert.Equal(0x180u, st.Permissions);

        Assert.Equal(Errno.OK, t.CopyUp(Path.Combine(_lowerRoot, "bin/tool"), "tool", out _));
        t.Lstat("tool", out var tool);
        Assert.Equal(0x1c9u, tool.Permissions); // exec bits kept, owner rw

        Assert.Equal(Errno.ELOOP, t.CopyUp(Path.Combine(_lowerRoot, "etc/link"), "l", out _));
        Assert.Equal(Errno.EISDIR, t.CopyUp(Path.Combine(_lowerRoot, "etc"), "dir", out _));
        Assert.Equal(Errno.ENOENT, t.CopyUp(Path.Combine(_lowerRoot, "nope"), "n", out _));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }

    [Fact]
    public void CopyUp_of_a_large_file_and_of_a_pseudo_file()
    {
        var big = Path.Combine(_lowerRoot, "big");
        var data = new byte[(3 << 20) + 12345];
        new Random(7).NextBytes(data);
        File.WriteAllBytes(big, data);
        using var t = Tree();
        Assert.Equal(Errno.OK, t.CopyUp(big, "big", out var sha));
        Assert.Equal(data, File.ReadAllBytes(U("big")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), sha);

        // /proc/version reports size 0 but has content: the read/write fallback copies it.
        Assert.Equal(Errno.OK, t.CopyUp("/proc/version", "version", out var vsha));
        var v = File.ReadAllBytes(U("version"));
        Assert.NotEmpty(v);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(v)), vsha);
    }

    [Fact]
    public void CopyUp_through_a_lower_layer_respects_its_root_and_hidden_paths()
    {
        using var lower = new HostLowerLayer(_lowerRoot, [Path.Combine(_lowerRoot, "bin")]);
        using var t = Tree(lower);
        Assert.Equal(Errno.OK, t.CopyUp("/etc/hosts", "hosts", out _));
        Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(U("hosts")));
        Assert.Equal(Errno.ENOENT, t.CopyUp("/bin/tool", "tool", out _));
    }

    [Fact]
    public void RemoveTree_removes_depth_first_and_tolerates_absence()
    {
        using var t = Tree();
        Directory.CreateDirectory(U("r/a/b/c"));
        File.WriteAllText(U("r/a/b/c/f"), "x");
        File.WriteAllText(U("r/top"), "x");
        File.CreateSymbolicLink(U("r/a/out"), _outside); // a link inside the tree: removed as itself
        File.CreateSymbolicLink(U("r/a/b/etc"), "/etc");
        File.SetUnixFileMode(U("r/a/b"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(Errno.OK, t.RemoveTree("r"));
        Assert.False(Path.Exists(U("r")));
        Assert.Equal(Errno.OK, t.RemoveTree("r"));
        Assert.Equal(Errno.OK, t.RemoveTree("no/such/path"));
        Assert.True(File.Exists(Path.Combine(_outside, "hostfile")));
        Assert.True(File.Exists("/etc/passwd"));
        File.WriteAllText(U("single"), "x");
        Assert.Equal(Errno.OK, t.RemoveTree("single"));
        Assert.False(File.Exists(U("single")));
    }

    [Fact]
    public void Planted_symlinks_are_never_followed()
    {
        var before = Snapshot(_outside);
        using var t = Tree();
        string c = _canary;
        // Through the link as a parent: refused.
        Assert.Equal(Errno.ELOOP, t.CreateFile($"evil/{c}"));
        Assert.Equal(Errno.ELOOP, t.CreateFile($"etc/{c}"));
        Assert.Equal(Errno.ELOOP, t.MakeDirectory($"etc/{c}"));
        Assert.Equal(Errno.ELOOP, t.CreateSymlink($"etc/{c}", "x"));
        Assert.Equal(Errno.ELOOP, t.CreateFifo($"etc/{c}"));
        Assert.Equal(Errno.ELOOP, t.Unlink("evil/hostfile"));
        Assert.Equal(Errno.ELOOP, t.Truncate("evil/hostfile", 0));
        Assert.Equal(Errno.ELOOP, t.SetRealMode("evil/hostfile", 0x1ff));
        Assert.Equal(Errno.ELOOP, t.OpenWrite("evil/hostfile", true, false, out _));
        Assert.Equal(Errno.ELOOP, t.OpenRead("etc/passwd", out _));
        Assert.Equal(Errno.ELOOP, t.Lstat("etc/passwd", out _));
        t.CreateFile("mine");
        Assert.Equal(Errno.ELOOP, t.Rename("mine", $"evil/{c}", RenameFlags.None));
        Assert.Equal(Errno.ELOOP, t.Rename("evil/hostfile", "stolen", RenameFlags.None));
        Assert.Equal(Errno.ELOOP, t.Rename("mine", $"etc/{c}", RenameFlags.Exchange));
        Assert.Equal(Errno.ELOOP, t.Link("evil/hostfile", "hardlink"));
        Assert.Equal(Errno.ELOOP, t.Link("mine", $"etc/{c}"));
        Assert.Equal(Errno.ELOOP, t.CopyUp(Path.Combine(_lowerRoot, "etc/hosts"), $"evil/{c}", out _));
        Assert.Equal(Errno.ELOOP, t.CopyUp(Path.Combine(_lowerRoot, "etc/hosts"), $"etc/{c}", out _));
        Assert.Equal(Errno.ELOOP, t.RemoveTree("evil/hostfile"));
        Assert.Equal(Errno.ELOOP, t.RemoveTree("etc/ssh"));

        // On the link itself: it is the object (opened O_NOFOLLOW: ELOOP, or acted on as a link).
        Assert.Equal(Errno.ELOOP, t.Truncate("evil", 0));
        Assert.Equal(Errno.ELOOP, t.OpenWrite("etc", false, true, out _));
        Assert.Equal(Errno.OK, t.SetRealMode("etc", 0x1ff)); // symlinks have no mode: nothing done
        Assert.Equal(Errno.OK, t.Lstat("evil", out var evil));
        Assert.Equal(NodeType.Symlink, evil.Type);
        Assert.Equal(Errno.EEXIST, t.CreateFile("evil")); // O_EXCL does not follow
        Assert.Equal(Errno.OK, t.CopyUp(Path.Combine(_lowerRoot, "etc/hosts"), "evil", out _)); // replaces the link
        Assert.Equal(Errno.OK, t.Lstat("evil", out var replaced));
        Assert.Equal(NodeType.Regular, replaced.Type);
        Assert.Equal(Errno.OK, t.RemoveTree("etc")); // removes the link, not /etc
        Assert.False(Path.Exists(U("etc")));
        Assert.True(File.Exists("/etc/passwd"));

        Assert.Equal(before, Snapshot(_outside));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }

    [Fact]
    public void A_planted_symlink_as_the_upper_dir_itself_is_refused()
    {
        var fakeUpper = _dir.Link("fake-upper", _outside);
        Assert.Throws<IOException>(() => new HostUpperTree(fakeUpper, _work));
    }

    [Fact]
    public void Implements_the_port()
    {
        using var t = Tree();
        IUpperTree port = t;
        Assert.Equal(Errno.OK, port.CreateFile("p"));
    }

    private static string Snapshot(string root)
    {
        var lines = new List<string>();
        foreach (var p in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order())
        {
            Assert.Equal(Errno.OK, HostFs.LstatAt(Interop.Uapi.AT_FDCWD, p, out var st));
            lines.Add($"{p} {st.Mode:x} {st.Size} {st.Mtime} {st.Ctime} {st.Uid} {st.Gid} {st.Nlink}");
        }
        Assert.Equal(Errno.OK, HostFs.LstatAt(Interop.Uapi.AT_FDCWD, root, out var rs));
        lines.Add($"{root} {rs.Mode:x} {rs.Mtime} {rs.Ctime}");
        return string.Join('\n', lines);
    }
}
