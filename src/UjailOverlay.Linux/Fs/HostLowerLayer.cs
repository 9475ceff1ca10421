// The host as the overlay's read-only lower layer (ILowerLayer). Virtual "/a/b" is root + "/a/b". Nothing
// here can modify the host: every open is read-only (O_NOATIME where the kernel allows it, so even access
// times stay as they were), and no symlink or /proc magic link is ever followed: a path whose parent contains
// a symlink is ENOTDIR, and a final symlink is reported, not followed (lstat semantics throughout). The
// overlay resolves symlinks itself, through the merged view.
//
// Hidden paths (the state directory) answer ENOENT and never appear in listings. They are matched by
// spelling on the normalized host path and by (dev, ino) while walking, so another spelling cannot reach
// them (LowerWalk.cs says when a one-call walk is enough and when every directory is checked).
using System.Text;
using Microsoft.Win32.SafeHandles;
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public sealed unsafe partial class HostLowerLayer : ILowerLayer, IDisposable
{
    private readonly SafeFd _root;
    private readonly string _rootPath;
    private readonly HiddenSet _hidden;

    public HostLowerLayer(string root = "/", IEnumerable<string>? hiddenPaths = null)
    {
        if (!HostPaths.TryNormalizeAbsolute(root, out _rootPath))
            throw new ArgumentException($"lower root must be absolute: {root}", nameof(root));
        var e = HostFs.OpenAt2(AT_FDCWD, _rootPath, O_PATH | O_DIRECTORY, 0, 0, out _root);
        if (e != Errno.OK)
            throw new IOException($"cannot open lower root {_rootPath}: {e}");
        _hidden = new HiddenSet(hiddenPaths ?? []);
        _fastWalkSafe = ComputeFastWalkSafe();
    }

    /// <summary>The host directory that virtual "/" maps to.</summary>
    public string Root => _rootPath;

    /// <summary>The host path a virtual path maps to (after normalization), or null if not absolute.</summary>
    public string? HostPathOf(string virtualPath) =>
        HostPaths.TryNormalizeAbsolute(virtualPath, out var norm) ? Map(norm) : null;

    public Errno Lstat(string path, out NodeStat stat)
    {
        stat = null!;
        var e = Resolve(path, out var parent, out var name, out _);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            if ((e = LstatVisible(parent, name, out var st)) != Errno.OK)
                return e;
            stat = HostStat.FromStat(st);
            return Errno.OK;
        }
    }

    /// <summary>Lstat of a component a walk descends through: a held directory answers from the cache (at
    /// most LowerDirCache.MaxAgeMs old); a directory found now is opened and held, so that the lookup of its
    /// children (the walk's next step) needs no walk from the root.</summary>
    public Errno LstatThrough(string path, out NodeStat stat)
    {
        stat = null!;
        if (!HostPaths.TryNormalizeAbsolute(path, out var norm))
            return Errno.EINVAL;
        if (_hidden.HidesPath(Map(norm)))
            return Errno.ENOENT;
        var rel = norm == "/" ? "" : norm[1..];
        if (_dirs.TryGetStat(rel, out stat))
            return Errno.OK;
        var e = Resolve(norm, out var parent, out var name, out _);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            if ((e = LstatVisible(parent, name, out var st)) != Errno.OK)
                return e;
            stat = HostStat.FromStat(st);
            if (stat.Type != NodeType.Directory || norm == "/")
                return Errno.OK;
            // One step of the slow walk (LowerWalk.cs): beneath a safely reached parent, following nothing, and
            // the directory's identity is the one just found not hidden. A mount point is held too (its lstat
            // and its open both give the mounted root): refusing it made every lookup under /dev/shm, /run or a
            // tmpfs /tmp walk again from the root (two openat2 and three stats per call, +9 µs a stat).
            if (HostFs.OpenAt2(parent.Fd, name, O_PATH | O_DIRECTORY, 0, HostFs.ResolveBeneathNoLinks, out var dir) != Errno.OK
                || HostFs.FstatRaw(dir.Fd, out var held) != Errno.OK || held.st_dev != st.st_dev || held.st_ino != st.st_ino)
            {
                dir.Dispose(); // replaced meanwhile: answer the lstat, hold nothing
                return Errno.OK;
            }
            _dirs.Keep(rel, dir, stat).Dispose();
            return Errno.OK;
        }
    }

    public Errno ReadLink(string path, out string target)
    {
        target = "";
        var e = Resolve(path, out var parent, out var name, out _);
        if (e != Errno.OK)
            return e;
        using (parent)
            return HostFs.ReadLinkAt(parent.Fd, name, out target);
    }

    public Errno ListDirectory(string path, out IReadOnlyList<DirEntry> entries)
    {
        entries = [];
        var e = Resolve(path, out var parent, out var name, out var hostPath);
        if (e != Errno.OK)
            return e;
        SafeFd dir;
        using (parent)
        {
            e = OpenNoAtime(parent.Fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, out dir);
            if (e == Errno.ELOOP)
                return Errno.ENOTDIR; // a symlink is not a directory when nothing is followed
            if (e != Errno.OK)
                return e;
        }
        using (dir)
        {
            if ((e = HostFs.FstatRaw(dir.Fd, out var dst)) != Errno.OK)
                return e;
            if (_hidden.HidesId(dst.st_dev, dst.st_ino))
                return Errno.ENOENT;
            var raw = new List<RawDirEntry>();
            if ((e = DirectoryReader.ReadAll(dir.Fd, raw)) != Errno.OK)
                return e;
            var list = new List<DirEntry>(raw.Count);
            foreach (var r in raw)
            {
                var entryName = r.NameString;
                if (_hidden.HidesId(dst.st_dev, r.Ino) || _hidden.HidesChild(hostPath, entryName))
                    continue;
                NodeType type;
                if (DirectoryReader.TypeOf(r.Type) is { } t)
                    type = t;
                else if (HostFs.LstatAtRaw(dir.Fd, entryName, out var est) == Errno.OK)
                    type = Mode.TypeOf(est.st_mode);
                else
                    continue; // gone since getdents64
                list.Add(new DirEntry(entryName, r.Ino, type));
            }
            entries = list;
            return Errno.OK;
        }
    }

    public Errno ListXattrs(string path, out IReadOnlyList<string> names)
    {
        names = [];
        var e = ResolveVisible(path, out var parent, out var name);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
            if (!CPath.TryEncode(ProcPath(parent, name), scratch, out var z))
                return Errno.EINVAL;
            fixed (byte* p = z)
            {
                while (true)
                {
                    nint size = Libc.llistxattr(p, null, 0);
                    if (size < 0)
                        return Libc.LastErrno();
                    var buf = new byte[Math.Max(1, (int)size)];
                    nint n;
                    fixed (byte* b = buf)
                        n = Libc.llistxattr(p, b, (nuint)buf.Length);
                    if (n < 0)
                    {
                        if (Libc.LastErrno() == Errno.ERANGE)
                            continue; // grew in between
                        return Libc.LastErrno();
                    }
                    var list = new List<string>();
                    foreach (var range in buf.AsSpan(0, (int)n).Split((byte)0))
                        if (range.End.Value > range.Start.Value)
                            list.Add(FileNameEncoding.Decode(buf.AsSpan(range)));
                    names = list;
                    return Errno.OK;
                }
            }
        }
    }

    public Errno GetXattr(string path, string name, out byte[] value)
    {
        value = [];
        var e = ResolveVisible(path, out var parent, out var final);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
            Span<byte> nameScratch = stackalloc byte[XATTR_NAME_MAX * 3 + 1];
            if (!CPath.TryEncode(ProcPath(parent, final), scratch, out var z) || !CPath.TryEncode(name, nameScratch, out var nz))
                return Errno.EINVAL;
            fixed (byte* p = z)
            fixed (byte* np = nz)
            {
                while (true)
                {
                    nint size = Libc.lgetxattr(p, np, null, 0);
                    if (size < 0)
                        return Libc.LastErrno();
                    var buf = new byte[(int)size];
                    nint n;
                    fixed (byte* b = buf)
                        n = Libc.lgetxattr(p, np, b, (nuint)buf.Length);
                    if (n < 0)
                    {
                        if (Libc.LastErrno() == Errno.ERANGE)
                            continue;
                        return Libc.LastErrno();
                    }
                    value = n == buf.Length ? buf : buf.AsSpan(0, (int)n).ToArray();
                    return Errno.OK;
                }
            }
        }
    }

    /// <summary>A read-only stream over a lower regular file (for in-process readers).</summary>
    public Errno OpenRead(string path, out Stream stream)
    {
        stream = Stream.Null;
        var e = Resolve(path, out var parent, out var name, out _);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            if ((e = LstatVisible(parent, name, out var before)) != Errno.OK)
                return e;
            switch (Mode.TypeOf(before.st_mode))
            {
                case NodeType.Regular: break;
                case NodeType.Directory: return Errno.EISDIR;
                case NodeType.Symlink: return Errno.ELOOP;
                default: return Errno.EINVAL; // in-process readers read regular files only (no FIFO/device opens)
            }
            // O_NONBLOCK: if a FIFO was swapped in since the lstat, the open must not hang.
            e = OpenNoAtime(parent.Fd, name, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK, out var fd);
            if (e != Errno.OK)
                return e;
            if ((e = HostFs.FstatRaw(fd.Fd, out var after)) != Errno.OK || after.st_dev != before.st_dev
                || after.st_ino != before.st_ino || Mode.TypeOf(after.st_mode) != NodeType.Regular)
            {
                fd.Dispose();
                return e != Errno.OK ? e : Errno.EAGAIN; // replaced under us
            }
            stream = new FileStream(new SafeFileHandle(fd.Detach(), ownsHandle: true), FileAccess.Read, bufferSize: 0);
            return Errno.OK;
        }
    }

    /// <summary>Opens the lower object itself (final symlink never followed: ELOOP, or the link with
    /// O_PATH) for the engine to hand over or copy from. flags must be read-only (throws otherwise); O_NOFOLLOW
    /// and O_CLOEXEC are added. A FIFO blocks without O_NONBLOCK, as open(2) would.</summary>
    public Errno OpenFd(string path, int flags, out SafeFd fd, out NodeStat stat)
    {
        const int writeish = O_CREAT | O_TRUNC | O_APPEND | __O_TMPFILE;
        if ((flags & O_ACCMODE) != O_RDONLY || (flags & writeish) != 0)
            throw new ArgumentException($"lower files are opened read-only (flags 0x{flags:x})", nameof(flags));
        fd = SafeFd.Adopt(-1);
        stat = null!;
        var e = Resolve(path, out var parent, out var name, out _);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            e = (flags & O_PATH) != 0
                ? HostFs.OpenAt(parent.Fd, name, flags | O_NOFOLLOW, 0, out fd)
                : OpenNoAtime(parent.Fd, name, flags | O_NOFOLLOW, out fd);
            if (e != Errno.OK)
                return e;
            if ((e = HostFs.FstatRaw(fd.Fd, out var st)) != Errno.OK || _hidden.HidesId(st.st_dev, st.st_ino))
            {
                fd.Dispose();
                fd = SafeFd.Adopt(-1);
                return e != Errno.OK ? e : Errno.ENOENT;
            }
            stat = HostStat.FromStat(st);
            return Errno.OK;
        }
    }

    public void Dispose()
    {
        _dirs.Clear();
        _root.Dispose();
    }

    /// <summary>Resolves the parent and checks the final object is not hidden (for calls that take a path).</summary>
    private Errno ResolveVisible(string path, out LowerDir parent, out string name)
    {
        var e = Resolve(path, out parent, out name, out _);
        if (e != Errno.OK)
            return e;
        if ((e = LstatVisible(parent, name, out _)) != Errno.OK)
            parent.Dispose();
        return e;
    }

    /// <summary>lstat of NAME beneath PARENT; a hidden object (by (dev, ino)) is ENOENT.</summary>
    private Errno LstatVisible(LowerDir parent, string name, out Stat st)
    {
        var e = HostFs.LstatAtRaw(parent.Fd, name, out st);
        return e == Errno.OK && _hidden.HidesId(st.st_dev, st.st_ino) ? Errno.ENOENT : e;
    }

    /// <summary>"/proc/self/fd/N/name": the magic link to the held parent is an intermediate component (so it
    /// is followed to exactly that directory), and the l*xattr calls do not follow the final name.</summary>
    private static string ProcPath(LowerDir parent, string name) => $"/proc/self/fd/{parent.Fd}/{name}";

    private string Map(string normalizedVirtual) =>
        _rootPath == "/" ? normalizedVirtual : normalizedVirtual == "/" ? _rootPath : _rootPath + normalizedVirtual;

    /// <summary>openat with O_NOATIME first (the host's access times are host state too); O_NOATIME needs
    /// ownership or CAP_FOWNER, so EPERM retries without it.</summary>
    private static Errno OpenNoAtime(int dirfd, string name, int flags, out SafeFd fd)
    {
        var e = HostFs.OpenAt(dirfd, name, flags | O_NOATIME, 0, out fd);
        if (e == Errno.EPERM)
            e = HostFs.OpenAt(dirfd, name, flags, 0, out fd);
        return e;
    }
}
