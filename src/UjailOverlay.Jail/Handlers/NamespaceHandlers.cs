// mkdir, mknod, unlink, rmdir, rename, link, symlink and their *at forms: decoded to the canonical *at call
// and handed to the overlay, which performs them in the upper layer and index.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Ports;
using UjailOverlay.Jail.Engine;

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
        var err = c.PathAtOrFd(oldDirArg, oldPathArg, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out var from, out _);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.PathAt(newDirArg, newPathArg, out var to);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.Link(from, to, (flags & LinuxAbi.AT_SYMLINK_FOLLOW) != 0, c.Op));
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
