// mkdir, mknod, unlink, rmdir, rename, link, symlink and their *at forms: decoded to the canonical *at call
// and handed to the overlay, which performs them in the upper layer and index.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Ports;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux.Fs;

namespace UjailOverlay.Jail.Handlers;

internal static class NamespaceHandlers
{
    public static Reply Mkdir(Call c) => MkdirAt(c, -1, 0, c.UIntArg(1));
    public static Reply Mkdirat(Call c) => MkdirAt(c, 0, 1, c.UIntArg(2));

    private static Reply MkdirAt(Call c, int dirfdArg, int pathArg, uint mode)
    {
        var err = c.PathAt(dirfdArg, pathArg, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Mkdir(abs, mode & 0x3FF /* S_IRWXUGO | S_ISVTX */, c.Op));
    }

    public static Reply Mknod(Call c) => MknodAt(c, -1, 0, c.UIntArg(1), c.Args[2]);
    public static Reply Mknodat(Call c) => MknodAt(c, 0, 1, c.UIntArg(2), c.Args[3]);

    private static Reply MknodAt(Call c, int dirfdArg, int pathArg, uint mode, ulong dev)
    {
        var err = c.PathAt(dirfdArg, pathArg, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Mknod(abs, mode, LinuxAbi.RdevFromMknod(dev & 0xFFFFFFFF), c.Op));
    }

    public static Reply Unlink(Call c) => UnlinkAt(c, -1, 0, 0);
    public static Reply Rmdir(Call c) => UnlinkAt(c, -1, 0, LinuxAbi.AT_REMOVEDIR);
    public static Reply Unlinkat(Call c) => UnlinkAt(c, 0, 1, c.IntArg(2));

    private static Reply UnlinkAt(Call c, int dirfdArg, int pathArg, int flags)
    {
        if ((flags & ~LinuxAbi.AT_REMOVEDIR) != 0) return Reply.Fail(Errno.EINVAL);
        var err = c.PathAt(dirfdArg, pathArg, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of((flags & LinuxAbi.AT_REMOVEDIR) != 0 ? c.Overlay.Rmdir(abs, c.Op) : c.Overlay.Unlink(abs, c.Op));
    }

    public static Reply Rename(Call c) => RenameAt(c, -1, 0, -1, 1, 0);
    public static Reply Renameat(Call c) => RenameAt(c, 0, 1, 2, 3, 0);
    public static Reply Renameat2(Call c) => RenameAt(c, 0, 1, 2, 3, c.UIntArg(4));

    private static Reply RenameAt(Call c, int oldDirArg, int oldPathArg, int newDirArg, int newPathArg, uint flags)
    {
        var err = c.PathAt(oldDirArg, oldPathArg, out var from);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.PathAt(newDirArg, newPathArg, out var to);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Rename(from, to, (RenameFlags)flags, c.Op));
    }

    public static Reply Link(Call c) => LinkAt(c, -1, 0, -1, 1, 0);
    public static Reply Linkat(Call c) => LinkAt(c, 0, 1, 2, 3, c.IntArg(4));

    private static Reply LinkAt(Call c, int oldDirArg, int oldPathArg, int newDirArg, int newPathArg, int flags)
    {
        if ((flags & ~(LinuxAbi.AT_SYMLINK_FOLLOW | LinuxAbi.AT_EMPTY_PATH)) != 0) return Reply.Fail(Errno.EINVAL);
        if (TmpfileSource(c, oldDirArg, oldPathArg, flags) is { } tmp) return LinkTmpfile(c, tmp, newDirArg, newPathArg);
        var err = c.PathAtOrFd(oldDirArg, oldPathArg, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out var from, out _);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.PathAt(newDirArg, newPathArg, out var to);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Link(from, to, (flags & LinuxAbi.AT_SYMLINK_FOLLOW) != 0, c.Op));
    }

    /// <summary>The caller's descriptor number when linkat names an O_TMPFILE file: (fd, "", AT_EMPTY_PATH) or
    /// (AT_FDCWD, "/proc/self/fd/N", AT_SYMLINK_FOLLOW). Null for every ordinary link.</summary>
    private static int? TmpfileSource(Call c, int dirArg, int pathArg, int flags)
    {
        if (dirArg < 0) return null;
        if ((flags & LinuxAbi.AT_EMPTY_PATH) != 0 && c.Args[pathArg] != 0
            && TraceeMemory.ReadCString(c.Tid, c.Args[pathArg], 2, out var empty) == Errno.OK && empty == "")
            return c.IntArg(dirArg);
        if ((flags & LinuxAbi.AT_SYMLINK_FOLLOW) == 0 || c.Args[pathArg] == 0) return null;
        if (TraceeMemory.ReadCString(c.Tid, c.Args[pathArg], 64, out var p) != Errno.OK || p is null) return null;
        var m = System.Text.RegularExpressions.Regex.Match(p, @"^/proc/(self|\d+)/fd/(\d+)$");
        if (!m.Success || (m.Groups[1].Value != "self" && int.Parse(m.Groups[1].Value) != c.Tgid)) return null;
        return int.Parse(m.Groups[2].Value);
    }

    /// <summary>Links an O_TMPFILE file (a deleted file in the work directory) into the overlay under a new name;
    /// decided on a pidfd_getfd copy of the descriptor. Any other descriptor falls through as EXDEV-free ENOENT.</summary>
    private static Reply LinkTmpfile(Call c, int fd, int newDirArg, int newPathArg)
    {
        var err = c.CallerFd(fd, out var file);
        using var _file = file;
        if (err != Errno.OK) return Reply.Fail(Errno.EBADF);
        var real = HostIo.FdRealPath(file);
        if (!real.StartsWith(c.Jail.WorkRoot + "/", StringComparison.Ordinal) || !real.EndsWith(" (deleted)", StringComparison.Ordinal))
            return Reply.Fail(Errno.ENOENT); // a named file's descriptor: link by its path instead
        if (HostFs.Fstat(file.Fd, out var st) != Errno.OK || st.Type != NodeType.Regular || st.Nlink != 0) return Reply.Fail(Errno.ENOENT);
        err = c.PathAt(newDirArg, newPathArg, out var to);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.AdoptFile(to, st.Permissions, c.Op, rel =>
        {
            var parent = VirtualPath.Parent("/" + rel)[1..];
            var e = HostFs.OpenBeneath(c.Jail.UpperFd, parent.Length == 0 ? "." : parent, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, 0, out var dir);
            if (e != Errno.OK) return e;
            using (dir) return HostLinks.LinkDescriptor(file, dir, VirtualPath.Name("/" + rel));
        }));
    }

    public static Reply Symlink(Call c) => SymlinkAt(c, 0, -1, 1);
    public static Reply Symlinkat(Call c) => SymlinkAt(c, 0, 1, 2);

    private static Reply SymlinkAt(Call c, int targetArg, int newDirArg, int newPathArg)
    {
        var err = c.ReadPath(c.Args[targetArg], out var target);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.PathAt(newDirArg, newPathArg, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Symlink(target, abs, c.Op));
    }
}
