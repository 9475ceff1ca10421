// HostLowerLayer on a temp tree mapped as the lower root: types, no symlink ever followed, hidden paths
// invisible whatever the spelling, xattrs, read-only streams, host left untouched.
using System.Diagnostics;
using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Tests.Support;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tests;

public class HostLowerLayerTests : IDisposable
{
    private readonly TempDir _dir = new("lower");
    private readonly string _state;

    public HostLowerLayerTests()
    {
        _dir.File("etc/passwd", "root:x:0:0");
        _dir.Sub("usr/lib");
        _dir.File("usr/lib/libc.so", "ELF");
        _dir.Link("lib", "usr/lib");
        _dir.Link("abs", "/etc");
        Assert.Equal(0, TestLibc.mkfifo(Path.Combine(_dir.Path, "fifo"), 0x1a4));
        _state = _dir.Sub("var/ujail/state");
        _dir.File("var/ujail/state/upper/secret", "index");
        _dir.File("var/ujail/visible", "v");
    }

    public void Dispose() => _dir.Dispose();

    private HostLowerLayer Layer() => new(_dir.Path, [_state]);

    [Fact]
    public void Lstat_reports_types_and_never_follows()
    {
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.Lstat("/", out var root));
        Assert.True(root.IsDirectory);
        Assert.Equal(Errno.OK, lower.Lstat("/etc/passwd", out var passwd));
        Assert.Equal(NodeType.Regular, passwd.Type);
        Assert.Equal(10, passwd.Size);
        Assert.Equal(Errno.OK, lower.Lstat("/lib", out var lib));
        Assert.Equal(NodeType.Symlink, lib.Type);
        Assert.Equal(Errno.OK, lower.Lstat("/fifo", out var fifo));
        Assert.Equal(NodeType.Fifo, fifo.Type);
        Assert.Equal(Errno.ENOENT, lower.Lstat("/nope", out _));
        Assert.Equal(Errno.EINVAL, lower.Lstat("relative", out _));
    }

    [Fact]
    public void A_symlink_in_the_parent_is_not_a_directory()
    {
        using var lower = Layer();
        // The host would reach usr/lib/libc.so and /etc/passwd; the lower layer follows nothing.
        Assert.Equal(Errno.ENOTDIR, lower.Lstat("/lib/libc.so", out _));
        Assert.Equal(Errno.ENOTDIR, lower.Lstat("/abs/passwd", out _));
        Assert.Equal(Errno.ENOTDIR, lower.ListDirectory("/lib", out _));
        Assert.Equal(Errno.ENOTDIR, lower.OpenRead("/lib/libc.so", out _));
        Assert.Equal(Errno.ELOOP, lower.OpenRead("/lib", out _));
        Assert.Equal(Errno.OK, lower.ReadLink("/lib", out var target));
        Assert.Equal("usr/lib", target);
        Assert.Equal(Errno.EINVAL, lower.ReadLink("/etc/passwd", out _));
    }

    [Fact]
    public void Dotdot_cannot_climb_above_the_lower_root()
    {
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.Lstat("/../../etc/passwd", out var s));
        Assert.Equal(10, s.Size); // normalized to /etc/passwd inside the lower root, not the host's
    }

    [Fact]
    public void ListDirectory_gives_names_and_types_without_dot_entries()
    {
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.ListDirectory("/", out var entries));
        var byName = entries.ToDictionary(e => e.Name, e => e.Type);
        Assert.Equal(NodeType.Directory, byName["etc"]);
        Assert.Equal(NodeType.Symlink, byName["lib"]);
        Assert.Equal(NodeType.Fifo, byName["fifo"]);
        Assert.DoesNotContain(".", byName.Keys);
        Assert.DoesNotContain("..", byName.Keys);
        Assert.Equal(Errno.OK, lower.Lstat("/etc", out var etc));
        Assert.Equal(etc.Ino, entries.Single(e => e.Name == "etc").Ino);
        Assert.Equal(Errno.ENOTDIR, lower.ListDirectory("/etc/passwd", out _));
    }

    [Fact]
    public void Hidden_state_dir_is_invisible_by_every_spelling()
    {
        using var lower = Layer();
        Assert.Equal(Errno.ENOENT, lower.Lstat("/var/ujail/state", out _));
        Assert.Equal(Errno.ENOENT, lower.Lstat("/var/ujail/state/upper/secret", out _));
        Assert.Equal(Errno.ENOENT, lower.Lstat("//var/./ujail//state/", out _));
        Assert.Equal(Errno.ENOENT, lower.Lstat("/var/x/../ujail/state/upper", out _));
        Assert.Equal(Errno.ENOENT, lower.OpenRead("/var/ujail/state/upper/secret", out _));
        Assert.Equal(Errno.ENOENT, lower.ListDirectory("/var/ujail/state", out _));
        Assert.Equal(Errno.ENOENT, lower.ListXattrs("/var/ujail/state", out _));
        Assert.Equal(Errno.OK, lower.ListDirectory("/var/ujail", out var entries));
        Assert.Equal(["visible"], entries.Select(e => e.Name));
    }

    [Fact]
    public void Hidden_state_dir_is_invisible_through_a_symlink()
    {
        _dir.Link("alias", "var/ujail/state");
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.Lstat("/alias", out var link));
        Assert.Equal(NodeType.Symlink, link.Type); // the link is an ordinary host object
        Assert.Equal(Errno.ENOTDIR, lower.Lstat("/alias/upper/secret", out _));
        Assert.Equal(Errno.ENOTDIR, lower.ListDirectory("/alias", out _));
        Assert.Equal(Errno.ENOTDIR, lower.OpenRead("/alias/upper/secret", out _));
    }

    [Fact]
    public void Hidden_state_dir_given_through_a_symlinked_path_is_hidden_by_its_real_path()
    {
        var linkToState = _dir.Link("statelink", _state);
        using var lower = new HostLowerLayer(_dir.Path, [linkToState]);
        Assert.Equal(Errno.ENOENT, lower.Lstat("/var/ujail/state/upper/secret", out _));
        Assert.Equal(Errno.OK, lower.ListDirectory("/var/ujail", out var entries));
        Assert.DoesNotContain("state", entries.Select(e => e.Name));
    }

    [BindMountFact]
    public void Hidden_state_dir_is_invisible_through_a_bind_mount()
    {
        var mnt = _dir.Sub("mnt/alias");
        Run("mount", "--bind", _state, mnt);
        try
        {
            using var lower = Layer();
            Assert.True(File.Exists(Path.Combine(mnt, "upper/secret"))); // the host does see it there
            Assert.Equal(Errno.ENOENT, lower.Lstat("/mnt/alias", out _));
            Assert.Equal(Errno.ENOENT, lower.LstatThrough("/mnt/alias", out _));
            Assert.Equal(Errno.ENOENT, lower.Lstat("/mnt/alias/upper/secret", out _));
            Assert.Equal(Errno.ENOENT, lower.ListDirectory("/mnt/alias/upper", out _));
            Assert.Equal(Errno.ENOENT, lower.OpenRead("/mnt/alias/upper/secret", out _));

            // A bind mount of an ancestor: the hidden dir is met as an intermediate directory.
            var mnt2 = _dir.Sub("mnt/var");
            Run("mount", "--bind", Path.Combine(_dir.Path, "var"), mnt2);
            try
            {
                using var lower2 = Layer();
                // The overlay's walk holds each directory it passes through, mount points included (LstatThrough):
                // the hidden directory stays hidden beneath a held bind mount.
                Assert.Equal(Errno.OK, lower2.LstatThrough("/mnt/var", out _));
                Assert.Equal(Errno.OK, lower2.LstatThrough("/mnt/var/ujail", out _));
                Assert.Equal(Errno.ENOENT, lower2.LstatThrough("/mnt/var/ujail/state", out _));
                Assert.Equal(Errno.ENOENT, lower2.Lstat("/mnt/var/ujail/state/upper/secret", out _));
                Assert.Equal(Errno.ENOENT, lower2.OpenRead("/mnt/var/ujail/state/upper/secret", out _));
                Assert.Equal(Errno.OK, lower2.ListDirectory("/mnt/var/ujail", out var entries));
                Assert.Equal(["visible"], entries.Select(e => e.Name));
                Assert.Equal(Errno.OK, lower2.Lstat("/mnt/var/ujail/visible", out _));
            }
            finally
            {
                Run("umount", "-l", mnt2);
            }
        }
        finally
        {
            Run("umount", "-l", mnt);
        }
    }

    [Fact]
    public void Lower_root_slash_maps_host_paths_and_hides_by_host_path()
    {
        using var lower = new HostLowerLayer("/", [_state]);
        Assert.Equal(Errno.OK, lower.Lstat(Path.Combine(_dir.Path, "etc/passwd"), out _));
        Assert.Equal(Errno.ENOENT, lower.Lstat(Path.Combine(_state, "upper/secret"), out _));
        Assert.Equal(_state, lower.HostPathOf(_state));
    }

    [Fact]
    public void OpenRead_gives_a_read_only_stream_of_regular_files_only()
    {
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.OpenRead("/etc/passwd", out var s));
        using (s)
        {
            Assert.False(s.CanWrite);
            Assert.Equal("root:x:0:0", new StreamReader(s).ReadToEnd());
        }
        Assert.Equal(Errno.EISDIR, lower.OpenRead("/etc", out _));
        Assert.Equal(Errno.EINVAL, lower.OpenRead("/fifo", out _)); // and it did not hang
    }

    [Fact]
    public void OpenFd_refuses_write_access()
    {
        using var lower = Layer();
        Assert.Throws<ArgumentException>(() => lower.OpenFd("/etc/passwd", O_WRONLY, out _, out _));
        Assert.Throws<ArgumentException>(() => lower.OpenFd("/etc/passwd", O_RDONLY | O_TRUNC, out _, out _));
        Assert.Equal(Errno.OK, lower.OpenFd("/etc/passwd", O_RDONLY, out var fd, out var st));
        using (fd)
            Assert.Equal(10, st.Size);
        Assert.Equal(Errno.ELOOP, lower.OpenFd("/lib", O_RDONLY, out var l, out _));
        l.Dispose();
        Assert.Equal(Errno.OK, lower.OpenFd("/lib", O_PATH, out var lp, out var ls));
        using (lp)
            Assert.Equal(NodeType.Symlink, ls.Type);
    }

    [Fact]
    public unsafe void Reading_leaves_the_host_access_time_alone()
    {
        var f = Path.Combine(_dir.Path, "etc/passwd");
        var old = new KernelTimespec { tv_sec = 1_000_000_000, tv_nsec = 0 };
        KernelTimespec* times = stackalloc KernelTimespec[2];
        times[0] = old;
        times[1] = new KernelTimespec { tv_sec = 1_000_000_000, tv_nsec = UTIME_OMIT };
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(f + "\0"))
            Assert.Equal(0, Libc.utimensat(AT_FDCWD, p, times, 0));
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.OpenRead("/etc/passwd", out var s));
        using (s)
            new StreamReader(s).ReadToEnd();
        Assert.Equal(Errno.OK, lower.Lstat("/etc/passwd", out var after));
        Assert.Equal(old.tv_sec, after.Atime.Sec);
    }

    [Fact]
    public void Reads_files_of_other_owners()
    {
        // As an unprivileged user O_NOATIME on another user's file is EPERM and the open retries without it.
        using var lower = new HostLowerLayer("/", []);
        Assert.Equal(Errno.OK, lower.OpenRead("/etc/passwd", out var s));
        using (s)
            Assert.Contains("root:", new StreamReader(s).ReadToEnd());
    }

    [UserXattrFact]
    public unsafe void Xattrs_are_listed_and_read_without_following()
    {
        var f = Path.Combine(_dir.Path, "etc/passwd");
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(f + "\0"))
        fixed (byte* n = "user.ujail.test\0"u8)
        fixed (byte* v = "value"u8)
            Assert.Equal(0, Libc.lsetxattr(p, n, v, 5, 0));
        using var lower = Layer();
        Assert.Equal(Errno.OK, lower.ListXattrs("/etc/passwd", out var names));
        Assert.Contains("user.ujail.test", names);
        Assert.Equal(Errno.OK, lower.GetXattr("/etc/passwd", "user.ujail.test", out var value));
        Assert.Equal("value"u8.ToArray(), value);
        Assert.Equal(Errno.ENODATA, lower.GetXattr("/etc/passwd", "user.absent", out _));
        // On the symlink itself: its own (empty) list, not the target's.
        _dir.Link("plink", "etc/passwd");
        Assert.Equal(Errno.OK, lower.ListXattrs("/plink", out var linkNames));
        Assert.DoesNotContain("user.ujail.test", linkNames);
        Assert.Equal(Errno.ENOTDIR, lower.ListXattrs("/lib/libc.so", out _));
    }

    [Fact]
    public void Nothing_in_the_lower_tree_changes()
    {
        var before = Snapshot(_dir.Path);
        using (var lower = Layer())
        {
            lower.ListDirectory("/", out _);
            lower.ListDirectory("/etc", out _);
            lower.Lstat("/etc/passwd", out _);
            lower.ReadLink("/lib", out _);
            if (lower.OpenRead("/etc/passwd", out var s) == Errno.OK)
                s.Dispose();
            lower.ListXattrs("/etc/passwd", out _);
        }
        Assert.Equal(before, Snapshot(_dir.Path));
    }

    private static string Snapshot(string root)
    {
        var lines = new List<string>();
        foreach (var p in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order())
        {
            Assert.Equal(Errno.OK, HostFs.LstatAt(Interop.Uapi.AT_FDCWD, p, out var st));
            lines.Add($"{p} {st.Mode:x} {st.Size} {st.Mtime} {st.Ctime} {st.Atime}");
        }
        return string.Join('\n', lines);
    }

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }
}
