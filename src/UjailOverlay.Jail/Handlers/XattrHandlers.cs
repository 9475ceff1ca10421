// The extended-attribute family: set/get/list/remove by path (following or not), by descriptor, and the
// *xattrat forms (setxattrat, getxattrat, listxattrat, removexattrat; struct xattr_args). All attributes live
// in the index; names and values are copied out once.
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;

namespace UjailOverlay.Jail.Handlers;

internal static class XattrHandlers
{
    private enum Target { Path, LinkPath, Fd }

    private static Errno Where(Call c, Target t, int arg, out string abs, out bool follow)
    {
        follow = t == Target.Path;
        if (t == Target.Fd) return AttributeHandlers.FdPath(c, c.IntArg(arg), out abs) is var e && e == Errno.EOPNOTSUPP ? Errno.EBADF : e;
        return c.PathAt(-1, arg, out abs);
    }

    public static Reply Setxattr(Call c) => Set(c, Target.Path);
    public static Reply Lsetxattr(Call c) => Set(c, Target.LinkPath);
    public static Reply Fsetxattr(Call c) => Set(c, Target.Fd);
    public static Reply Getxattr(Call c) => Get(c, Target.Path);
    public static Reply Lgetxattr(Call c) => Get(c, Target.LinkPath);
    public static Reply Fgetxattr(Call c) => Get(c, Target.Fd);
    public static Reply Listxattr(Call c) => List(c, Target.Path);
    public static Reply Llistxattr(Call c) => List(c, Target.LinkPath);
    public static Reply Flistxattr(Call c) => List(c, Target.Fd);
    public static Reply Removexattr(Call c) => Remove(c, Target.Path);
    public static Reply Lremovexattr(Call c) => Remove(c, Target.LinkPath);
    public static Reply Fremovexattr(Call c) => Remove(c, Target.Fd);

    private static Reply Set(Call c, Target t)
    {
        var err = Where(c, t, 0, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        return DoSet(c, abs, follow, c.Args[1], c.Args[2], c.Args[3], c.IntArg(4));
    }

    private static Reply DoSet(Call c, string abs, bool follow, ulong nameAddr, ulong valueAddr, ulong size, int flags)
    {
        if ((flags & ~(LinuxAbi.XATTR_CREATE | LinuxAbi.XATTR_REPLACE)) != 0) return Reply.Fail(Errno.EINVAL);
        if (size > LinuxAbi.XATTR_SIZE_MAX) return Reply.Fail(Errno.E2BIG);
        var err = c.ReadString(nameAddr, LinuxAbi.XATTR_NAME_MAX + 1, out var name);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.ReadBytes(valueAddr, (int)size, out var value);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.SetXattr(abs, name, value, (XattrFlags)flags, follow, c.Op));
    }

    private static Reply Get(Call c, Target t)
    {
        var err = Where(c, t, 0, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        return DoGet(c, abs, follow, c.Args[1], c.Args[2], (long)c.Args[3]);
    }

    private static Reply DoGet(Call c, string abs, bool follow, ulong nameAddr, ulong buf, long size)
    {
        var err = c.ReadString(nameAddr, LinuxAbi.XATTR_NAME_MAX + 1, out var name);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.Overlay.GetXattr(abs, name, follow, c.Op, out var value);
        if (err != Errno.OK) return Reply.Fail(err);
        if (size == 0) return Reply.Ok(value.Length);
        if (value.Length > size) return Reply.Fail(Errno.ERANGE);
        err = c.WriteBytes(buf, value);
        return err == Errno.OK ? Reply.Ok(value.Length) : Reply.Fail(Errno.EFAULT);
    }

    private static Reply List(Call c, Target t)
    {
        var err = Where(c, t, 0, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        return DoList(c, abs, follow, c.Args[1], (long)c.Args[2]);
    }

    private static Reply DoList(Call c, string abs, bool follow, ulong buf, long size)
    {
        var err = c.Overlay.ListXattrs(abs, follow, c.Op, out var names);
        if (err != Errno.OK) return Reply.Fail(err);
        var bytes = new List<byte>();
        foreach (var n in names) { bytes.AddRange(Encoding.UTF8.GetBytes(n)); bytes.Add(0); }
        if (size == 0) return Reply.Ok(bytes.Count);
        if (bytes.Count > size) return Reply.Fail(Errno.ERANGE);
        err = c.WriteBytes(buf, bytes.ToArray());
        return err == Errno.OK ? Reply.Ok(bytes.Count) : Reply.Fail(Errno.EFAULT);
    }

    private static Reply Remove(Call c, Target t)
    {
        var err = Where(c, t, 0, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.ReadString(c.Args[1], LinuxAbi.XATTR_NAME_MAX + 1, out var name);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.RemoveXattr(abs, name, follow, c.Op));
    }

    // The *xattrat calls (Linux 6.13): (dirfd, path, at_flags, name, struct xattr_args *args, size_t usize).
    private static Errno At(Call c, out string abs, out bool follow)
    {
        var flags = c.IntArg(2);
        follow = (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0;
        if ((flags & ~(LinuxAbi.AT_SYMLINK_NOFOLLOW | LinuxAbi.AT_EMPTY_PATH)) != 0) { abs = ""; return Errno.EINVAL; }
        var err = c.PathAtOrFd(0, 1, (flags & LinuxAbi.AT_EMPTY_PATH) != 0, out abs, out var isFd);
        if (isFd) follow = false;
        return err;
    }

    private static Errno Args(Call c, out ulong value, out uint size, out uint flags)
    {
        value = 0; size = 0; flags = 0;
        if (c.Args[5] < 16) return Errno.EINVAL;
        var err = c.ReadBytes(c.Args[4], 16, out var a);
        if (err != Errno.OK) return err;
        value = BitConverter.ToUInt64(a, 0);
        size = BitConverter.ToUInt32(a, 8);
        flags = BitConverter.ToUInt32(a, 12);
        return Errno.OK;
    }

    public static Reply Setxattrat(Call c)
    {
        var err = At(c, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        err = Args(c, out var value, out var size, out var flags);
        if (err != Errno.OK) return Reply.Fail(err);
        return DoSet(c, abs, follow, c.Args[3], value, size, (int)flags);
    }

    public static Reply Getxattrat(Call c)
    {
        var err = At(c, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        err = Args(c, out var value, out var size, out var flags);
        if (err != Errno.OK) return Reply.Fail(err);
        if (flags != 0) return Reply.Fail(Errno.EINVAL);
        return DoGet(c, abs, follow, c.Args[3], value, size);
    }

    public static Reply Listxattrat(Call c)
    {
        var err = At(c, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        return DoList(c, abs, follow, c.Args[3], (long)c.Args[4]);
    }

    public static Reply Removexattrat(Call c)
    {
        var err = At(c, out var abs, out var follow);
        if (err != Errno.OK) return Reply.Fail(err);
        err = c.ReadString(c.Args[3], LinuxAbi.XATTR_NAME_MAX + 1, out var name);
        if (err != Errno.OK) return Reply.Fail(err);
        return Reply.Of(c.Overlay.RemoveXattr(abs, name, follow, c.Op));
    }
}
