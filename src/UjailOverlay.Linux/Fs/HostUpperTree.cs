// The upper tree of a state directory on the host (IUpperTree). It holds O_PATH fds of upper/ and work/ and
// never uses a path from the filesystem root again: each operation opens the *parent* of its target with
// openat2(upper, parent, O_PATH|O_DIRECTORY, RESOLVE_BENEATH|NO_SYMLINKS|NO_MAGICLINKS|NO_XDEV) and acts on the
// final name with an *at call that does not follow a final symlink. So a symlink planted anywhere in upper/
// (upper/evil -> /etc) is never followed: "evil/x" fails with ELOOP and "evil" itself is the link
// (threat-model.md rows 5, 6, 28). Paths are clean relative paths ("a/b"; "" is the root); "." / ".." / empty
// components are EINVAL, not repaired.
//
// Real modes: new files 0600, directories 0700, FIFOs 0600 (the virtual mode lives in the index); if the
// process umask strips owner bits, they are set explicitly after creation.
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Tracing;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public sealed unsafe partial class HostUpperTree : IUpperTree, IDisposable
{
    private const ulong Resolve = HostFs.ResolveBeneathNoLinks | RESOLVE_NO_XDEV;
    private const uint FileMode = 0x180 /* 0600 */, DirMode = 0x1c0 /* 0700 */;

    private readonly SafeFd _upper;
    private readonly SafeFd _work;
    private readonly HostLowerLayer? _lower;
    private readonly bool _fixModes;
    private readonly UpperDirHandles _dirs = new();

    /// <summary>upperDir and workDir must be directories on one filesystem (renames go between them). A final
    /// symlink in either path is refused. With lower, CopyUp's lowerPath is a virtual path read through it
    /// (its root and hidden paths apply); without, lowerPath is an absolute host path.</summary>
    public HostUpperTree(string upperDir, string workDir, HostLowerLayer? lower = null)
    {
        _upper = OpenRootDir(upperDir);
        _work = OpenRootDir(workDir);
        _lower = lower;
        if (HostFs.FstatRaw(_upper.Fd, out var us) != Errno.OK || HostFs.FstatRaw(_work.Fd, out var ws) != Errno.OK
            || us.st_dev != ws.st_dev)
            throw new IOException($"upper {upperDir} and work {workDir} must be on one filesystem");
        _fixModes = ProcStatus.Read(Libc.getpid(), out var self) != Errno.OK || (self!.Umask & DirMode) != 0;
    }

    public Errno MakeDirectory(string rel) => AtParent(rel, (dirfd, name) =>
    {
        var e = Libc.Check(Libc.mkdirat(dirfd, name, DirMode));
        return e == Errno.OK && _fixModes ? ChmodNoFollow(dirfd, name, DirMode) : e;
    });

    public Errno CreateFile(string rel) => AtParent(rel, (dirfd, name) =>
    {
        // O_CREAT|O_EXCL never follows a final symlink (it fails with EEXIST).
        int fd = Libc.openat(dirfd, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, FileMode);
        if (fd < 0)
            return Libc.LastErrno();
        using var owned = SafeFd.Adopt(fd);
        return _fixModes ? Libc.Check(Libc.fchmod(fd, FileMode)) : Errno.OK;
    });

    public Errno CreateSymlink(string rel, string target)
    {
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(target, scratch, out var tz))
            return Errno.EINVAL;
        fixed (byte* t = tz)
        {
            byte* tp = t;
            return AtParent(rel, (dirfd, name) => Libc.Check(Libc.symlinkat(tp, dirfd, name)));
        }
    }

    public Errno CreateFifo(string rel) => AtParent(rel, (dirfd, name) =>
    {
        var e = Libc.Check(Libc.mknodat(dirfd, name, (uint)NodeType.Fifo | FileMode, 0));
        return e == Errno.OK && _fixModes ? ChmodNoFollow(dirfd, name, FileMode) : e;
    });

    public Errno Unlink(string rel) => AtParent(rel, (dirfd, name) => Libc.Check(Libc.unlinkat(dirfd, name, 0)));

    public Errno Rename(string from, string to, RenameFlags flags)
    {
        var e = AtParents(from, to,
            (fromDir, fromName, toDir, toName) => Libc.Check(Libc.renameat2(fromDir, fromName, toDir, toName, (uint)flags)));
        _dirs.Clear(); // a directory may have moved (or been exchanged): held handles would name the wrong place
        return e;
    }

    /// <summary>linkat without AT_SYMLINK_FOLLOW: a symlink is linked itself.</summary>
    public Errno Link(string existing, string newRel) => AtParents(existing, newRel,
        (fromDir, fromName, toDir, toName) => Libc.Check(Libc.linkat(fromDir, fromName, toDir, toName, 0)));

    public void Dispose()
    {
        _dirs.Dispose();
        _upper.Dispose();
        _work.Dispose();
    }

    private delegate Errno AtAction(int dirfd, byte* name);

    private delegate Errno AtAction2(int fromDir, byte* fromName, int toDir, byte* toName);

    /// <summary>Opens the parent of rel beneath upper/ and runs action on (parent fd, final name).</summary>
    private Errno AtParent(string rel, AtAction action)
    {
        var e = OpenParent(rel, out var parent, out var name);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
            if (!CPath.TryEncode(name, scratch, out var z))
                return Errno.EINVAL;
            fixed (byte* p = z)
                return action(parent.Fd, p);
        }
    }

    private Errno AtParents(string from, string to, AtAction2 action)
    {
        var e = OpenParent(from, out var fromParent, out var fromName);
        if (e != Errno.OK)
            return e;
        using (fromParent)
        {
            if ((e = OpenParent(to, out var toParent, out var toName)) != Errno.OK)
                return e;
            using (toParent)
            {
                Span<byte> s1 = stackalloc byte[CPath.ScratchSize];
                Span<byte> s2 = stackalloc byte[CPath.ScratchSize];
                if (!CPath.TryEncode(fromName, s1, out var z1) || !CPath.TryEncode(toName, s2, out var z2))
                    return Errno.EINVAL;
                fixed (byte* p1 = z1)
                fixed (byte* p2 = z2)
                    return action(fromParent.Fd, p1, toParent.Fd, p2);
            }
        }
    }

    /// <summary>The parent directory of a non-root rel, opened O_PATH beneath upper/ without following
    /// anything. A symlink on the way is ELOOP, a non-directory ENOTDIR.</summary>
    private Errno OpenParent(string rel, out SafeFd parent, out string name)
    {
        parent = SafeFd.Adopt(-1);
        name = "";
        if (rel.Length == 0 || !HostPaths.IsCleanRelative(rel))
            return Errno.EINVAL;
        (var parentRel, name) = HostPaths.SplitLast(rel);
        if (_dirs.TryDuplicate(parentRel, out parent))
            return Errno.OK;
        var e = HostFs.OpenAt2(_upper.Fd, parentRel, O_PATH | O_DIRECTORY, 0, Resolve, out parent);
        if (e == Errno.OK)
            _dirs.Keep(parentRel, parent);
        return e;
    }

    /// <summary>chmod of dirfd/name without following a final symlink: open it O_PATH|O_NOFOLLOW, then chmod
    /// the exact inode through /proc/self/fd/N (what glibc's fchmodat(AT_SYMLINK_NOFOLLOW) does). A symlink
    /// is left alone (Linux has no symlink modes).</summary>
    private static Errno ChmodNoFollow(int dirfd, byte* name, uint mode)
    {
        int fd = Libc.openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0)
            return Libc.LastErrno();
        using var owned = SafeFd.Adopt(fd);
        return ChmodFd(fd, mode);
    }

    private static Errno ChmodFd(int pathFd, uint mode)
    {
        var e = HostFs.FstatRaw(pathFd, out var st);
        if (e != Errno.OK)
            return e;
        if (Mode.TypeOf(st.st_mode) == NodeType.Symlink)
            return Errno.OK;
        Span<byte> scratch = stackalloc byte[64];
        CPath.TryEncode($"/proc/self/fd/{pathFd}", scratch, out var z);
        fixed (byte* p = z)
            return Libc.Check(Libc.fchmodat(AT_FDCWD, p, mode, 0));
    }

    private static SafeFd OpenRootDir(string path)
    {
        var e = HostFs.OpenAt2(AT_FDCWD, path, O_PATH | O_DIRECTORY | O_NOFOLLOW, 0, 0, out var fd);
        if (e != Errno.OK)
            throw new IOException($"cannot open {path}: {e}");
        return fd;
    }
}
