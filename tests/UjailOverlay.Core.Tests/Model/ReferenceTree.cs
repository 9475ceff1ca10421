// The reference: a plain directory on the host that the kernel itself operates on. Virtual "/x" is root+"/x",
// and nothing outside the root is ever reached: every path is resolved with openat2(root, path,
// RESOLVE_IN_ROOT), which treats absolute symlink targets and ".." as if root were "/". Calls that name an
// entry (mkdir, unlink, rmdir, rename, link's new name, symlink) resolve the parent that way and act on the
// final name with the *at call, which never follows a final symlink; calls on an object (chmod, chown,
// utimensat, truncate, xattrs, link's old name) resolve it to an O_PATH fd (following or not, as asked) and
// act on /proc/self/fd/N, which reaches exactly that object (glibc's own AT_SYMLINK_NOFOLLOW emulation).
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Fs;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Core.Tests.Model;

internal sealed class ReferenceTree : IDisposable
{
    private readonly SafeFd _root;

    public ReferenceTree(string rootDir)
    {
        var e = HostFs.OpenAt2(AT_FDCWD, rootDir, O_PATH | O_DIRECTORY | O_NOFOLLOW, 0, 0, out _root);
        if (e != Errno.OK) throw new IOException($"cannot open {rootDir}: {e}");
    }

    /// <summary>Opens with O_NOATIME (fingerprints must not change what they measure).</summary>
    public bool NoAtime { get; init; }

    public void Dispose() => _root.Dispose();

    /// <summary>openat2(root, path, RESOLVE_IN_ROOT). With ".." in the walk the kernel answers EAGAIN when any
    /// rename ran anywhere meanwhile (openat2(2): "the caller should retry"); that is not the answer for path.</summary>
    private Errno OpenInRoot(string path, int flags, uint mode, out SafeFd fd)
    {
        Errno e;
        var tries = 0;
        while ((e = HostFs.OpenAt2(_root.Fd, path, flags, mode, RESOLVE_IN_ROOT, out fd)) == Errno.EAGAIN && ++tries < 1000) { }
        return e;
    }

    public Outcome Apply(ModelOp op) => op.Kind switch
    {
        OpKind.Write => Write(op),
        OpKind.Read => Read(op.Path, op.Flags),
        OpKind.Truncate => OnObject(op.Path, true, p => Sys.Truncate(p, op.Length)),
        OpKind.Unlink => AtParent(op.Path, (d, n) => Sys.Unlinkat(d, n, 0)),
        OpKind.Rmdir => AtParent(op.Path, (d, n) => Sys.Unlinkat(d, n, AT_REMOVEDIR)),
        OpKind.Mkdir => AtParent(op.Path, (d, n) => Sys.Mkdirat(d, n, op.Mode)),
        OpKind.Symlink => AtParent(op.Path, (d, n) => Sys.Symlinkat(op.Data, d, n)),
        OpKind.Rename => Rename(op),
        OpKind.Link => OnObject(op.Path, op.Follow, p => AtParent(op.Path2, (d, n) => Sys.Linkat(AT_FDCWD, p, d, n, AT_SYMLINK_FOLLOW)).Errno),
        OpKind.Chmod => OnObject(op.Path, true, p => Sys.Chmod(p, op.Mode)),
        OpKind.Chown => OnObject(op.Path, op.Follow, p => Sys.Chown(p, op.Uid, op.Gid, 0)),
        OpKind.Utimens => OnObject(op.Path, op.Follow, p => Sys.Utimens(p, op.Atime, op.Mtime, 0)),
        OpKind.SetXattr => OnObject(op.Path, op.Follow, p => Sys.SetXattr(p, op.Path2, System.Text.Encoding.UTF8.GetBytes(op.Data), op.Flags)),
        OpKind.RemoveXattr => OnObject(op.Path, op.Follow, p => Sys.RemoveXattr(p, op.Path2)),
        OpKind.Stat => Stat(op.Path, op.Follow, out var st) is var e && e != Errno.OK ? new(e) : new(e, View.Describe(st)),
        OpKind.ReadLink => ReadLink(op.Path),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private Outcome Write(ModelOp op)
    {
        var e = OpenInRoot(op.Path, op.Flags, op.Mode, out var fd);
        if (e != Errno.OK) return new(e);
        using (fd) return new(Sys.Write(fd.Fd, System.Text.Encoding.UTF8.GetBytes(op.Data)));
    }

    /// <summary>open(path, O_RDONLY|extra) and the whole content; a directory reads as "&lt;dir&gt;".</summary>
    public Outcome Read(string path, int extraFlags)
    {
        var e = OpenInRoot(path, O_RDONLY | extraFlags | (NoAtime ? O_NOATIME : 0), 0, out var fd);
        if (e != Errno.OK) return new(e);
        using (fd)
        {
            if ((e = HostFs.Fstat(fd.Fd, out var st)) != Errno.OK) return new(e);
            if (st.IsDirectory) return new(Errno.OK, "<dir>");
            e = Sys.ReadAll(fd.Fd, out var content);
            return e == Errno.OK ? new(e, View.Content(content)) : new(e);
        }
    }

    public Errno Stat(string path, bool follow, out NodeStat stat)
    {
        stat = null!;
        var e = Resolve(path, follow, out var fd);
        if (e != Errno.OK) return e;
        using (fd) return HostFs.Fstat(fd.Fd, out stat);
    }

    public Outcome ReadLink(string path)
    {
        var e = Resolve(path, false, out var fd);
        if (e != Errno.OK) return new(e);
        using (fd)
        {
            if ((e = HostFs.Fstat(fd.Fd, out var st)) != Errno.OK) return new(e);
            if (st.Type != NodeType.Symlink) return new(Errno.EINVAL); // readlink(2) of a non-link
            e = HostFs.ReadLinkFd(fd.Fd, out var target);
            return e == Errno.OK ? new(e, target) : new(e);
        }
    }

    public Errno List(string path, out List<string> names)
    {
        names = [];
        var e = OpenInRoot(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | (NoAtime ? O_NOATIME : 0), 0, out var fd);
        if (e != Errno.OK) return e;
        using (fd)
        {
            var raw = new List<RawDirEntry>();
            if ((e = DirectoryReader.ReadAll(fd.Fd, raw)) != Errno.OK) return e;
            names = raw.Select(r => r.NameString).ToList();
            return Errno.OK;
        }
    }

    /// <summary>The user.* attributes of the object itself (not following it): "name=value" or the errno.</summary>
    public Errno UserXattrs(string path, out List<string> pairs)
    {
        pairs = [];
        var list = new List<string>();
        var e = OnObject(path, false, p =>
        {
            var le = Sys.ListXattr(p, out var names);
            if (le != Errno.OK) return le;
            foreach (var name in names.Where(n => n.StartsWith("user.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                list.Add(Sys.GetXattr(p, name, out var v) is var ge && ge == Errno.OK ? $"{name}={View.Content(v)}" : $"{name}:{ge}");
            return Errno.OK;
        }).Errno;
        pairs = list;
        return e;
    }

    private Outcome Rename(ModelOp op) => AtParent(op.Path, (od, on) =>
        AtParent(op.Path2, (nd, nn) => Sys.Renameat2(od, on, nd, nn, (uint)op.Flags)).Errno);

    private Errno Resolve(string path, bool follow, out SafeFd fd) =>
        OpenInRoot(path, O_PATH | (follow ? 0 : O_NOFOLLOW), 0, out fd);

    /// <summary>Resolves path to its object and runs action on "/proc/self/fd/N" naming exactly it.</summary>
    private Outcome OnObject(string path, bool follow, Func<string, Errno> action)
    {
        var e = Resolve(path, follow, out var fd);
        if (e != Errno.OK) return new(e);
        using (fd) return new(action($"/proc/self/fd/{fd.Fd}"));
    }

    /// <summary>Resolves the parent of path's final name and runs action on (parent fd, final name as written,
    /// trailing slashes included, so the kernel applies its own trailing-slash rules).</summary>
    private Outcome AtParent(string path, Func<int, string, Errno> action)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) throw new ArgumentException("the model never names the root as an entry", nameof(path));
        var slash = trimmed.LastIndexOf('/');
        var parent = slash <= 0 ? "/" : trimmed[..slash];
        var last = path[(slash + 1)..];
        var e = OpenInRoot(parent, O_PATH | O_DIRECTORY, 0, out var dir);
        if (e != Errno.OK) return new(e);
        using (dir) return new(action(dir.Fd, last));
    }
}
