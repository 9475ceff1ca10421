// Metadata changes (after fs/attr.c and fs/xattr.c): chmod, chown, utimensat, truncate and extended
// attributes. Every change is virtual: a lower object gets a metadata copy-up and the host never sees it.
// Permission rules: chmod and explicit times need the owner or CAP_FOWNER; chown needs CAP_CHOWN except an
// owner giving the file to one of their own groups; chown clears set-user-ID and (with group-execute)
// set-group-ID on non-directories; chmod drops set-group-ID for a caller outside the file's group.
namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    private Errno ResolveForChange(string path, bool follow, OpContext ctx, out Node node, out NodeStat stat)
    {
        stat = null!;
        var err = Resolve(path, follow, ctx, out node);
        if (err != Errno.OK) return err;
        if (IsPassThrough(node.Path)) return Errno.EPERM;
        stat = QuickStat(node);
        return Errno.OK;
    }

    public Errno Chmod(string path, uint perm, bool follow, OpContext ctx)
    {
        lock (_gate)
        {
            var err = ResolveForChange(path, follow, ctx, out var node, out var st);
            if (err != Errno.OK) return err;
            if (!Permissions.IsOwnerOrCapable(st, ctx.Who)) return Errno.EPERM;
            if (node.Type == NodeType.Symlink) return Errno.EOPNOTSUPP; // fchmodat2 AT_SYMLINK_NOFOLLOW on a link
            perm &= Mode.PermissionBits;
            if (!ctx.Who.FileCapabilities && !ctx.Who.InGroup(st.Gid)) perm &= ~Mode.S_ISGID;
            err = MetaCopyUp(node, out var inode);
            if (err != Errno.OK) return err;
            var before = inode.Perm;
            inode.Perm = perm;
            inode.Ctime = Now();
            SyncRealMode(inode, before);
            Persist(inode);
            return Errno.OK;
        }
    }

    /// <summary>chown(2); uint.MaxValue (-1) leaves an id unchanged.</summary>
    public Errno Chown(string path, uint uid, uint gid, bool follow, OpContext ctx)
    {
        lock (_gate)
        {
            var err = ResolveForChange(path, follow, ctx, out var node, out var st);
            if (err != Errno.OK) return err;
            var changeGid = gid != uint.MaxValue && gid != st.Gid;
            if (!ctx.Who.FileCapabilities)
            {
                if (uid != uint.MaxValue && (uid != st.Uid || st.Uid != ctx.Who.Uid)) return Errno.EPERM;
                if (gid != uint.MaxValue && (st.Uid != ctx.Who.Uid || (changeGid && !ctx.Who.InGroup(gid)))) return Errno.EPERM;
            }
            err = MetaCopyUp(node, out var inode);
            if (err != Errno.OK) return err;
            if (uid != uint.MaxValue) inode.Uid = uid;
            if (gid != uint.MaxValue) inode.Gid = gid;
            // chown_common: any chown of a non-directory, even to the same ids (-1, -1), drops S_ISUID and a
            // group-executable S_ISGID.
            if (!inode.IsDirectory && inode.Type != NodeType.Symlink)
            {
                inode.Perm &= ~Mode.S_ISUID;
                if ((inode.Perm & 0x8) != 0) inode.Perm &= ~Mode.S_ISGID;
            }
            inode.Ctime = Now();
            Persist(inode);
            return Errno.OK;
        }
    }

    public Errno Utimens(string path, TimeUpdate atime, TimeUpdate mtime, bool follow, OpContext ctx)
    {
        lock (_gate)
        {
            var err = ResolveForChange(path, follow, ctx, out var node, out var st);
            if (err != Errno.OK) return err;
            if (atime.Kind == TimeUpdateKind.Omit && mtime.Kind == TimeUpdateKind.Omit) return Errno.OK;
            var explicitTimes = atime.Kind == TimeUpdateKind.Set || mtime.Kind == TimeUpdateKind.Set;
            if (!Permissions.IsOwnerOrCapable(st, ctx.Who))
            {
                if (explicitTimes) return Errno.EPERM;
                if (!Permissions.May(st, AccessMask.Write, ctx.Who)) return Errno.EACCES;
            }
            err = MetaCopyUp(node, out var inode);
            if (err != Errno.OK) return err;
            var now = Now();
            Timespec? a = atime.Kind switch { TimeUpdateKind.Now => now, TimeUpdateKind.Set => atime.Value, _ => null };
            Timespec? m = mtime.Kind switch { TimeUpdateKind.Now => now, TimeUpdateKind.Set => mtime.Value, _ => null };
            if (inode.DataInUpper && inode.Type == NodeType.Regular)
            {
                var rel = VirtualPath.ToUpper(inode.Paths[0]);
                _upper.SetTimes(rel, a, m);
            }
            if (a is { } av) inode.Atime = av;
            if (m is { } mv) inode.Mtime = mv;
            inode.Ctime = now;
            Persist(inode);
            return Errno.OK;
        }
    }

    public Errno Truncate(string path, long length, OpContext ctx)
    {
        lock (_gate)
        {
            if (length < 0) return Errno.EINVAL;
            var err = ResolveForChange(path, true, ctx, out var node, out var st);
            if (err != Errno.OK) return err;
            if (node.IsDirectory) return Errno.EISDIR;
            if (node.Type != NodeType.Regular) return Errno.EINVAL;
            if (!Permissions.May(st, AccessMask.Write, ctx.Who)) return Errno.EACCES;
            err = DataCopyUp(node, length == 0, out var inode);
            if (err != Errno.OK) return err;
            err = _upper.Truncate(VirtualPath.ToUpper(inode.Paths[0]), length);
            if (err != Errno.OK) return err;
            ClearPrivilegeBitsOnWrite(inode, ctx);
            inode.Ctime = inode.Mtime = Now();
            Persist(inode);
            return Errno.OK;
        }
    }

    /// <summary>A write by a caller without CAP_FSETID drops set-user-ID and group-executable set-group-ID
    /// (fs/inode.c file_remove_privs); the jail applies it when the write is opened or a truncate happens.</summary>
    private static void ClearPrivilegeBitsOnWrite(VInode inode, OpContext ctx)
    {
        if (ctx.Who.FileCapabilities) return;
        inode.Perm &= ~Mode.S_ISUID;
        if ((inode.Perm & 0x8) != 0) inode.Perm &= ~Mode.S_ISGID;
    }

    private const int XattrNameMax = 255;
    private const int XattrSizeMax = 65536;

    private static Errno CheckXattrAccess(string name, NodeStat st, bool write, OpContext ctx)
    {
        if (name.Length == 0 || VirtualPath.ByteLength(name) > XattrNameMax) return Errno.ERANGE;
        if (name.StartsWith("user.", StringComparison.Ordinal))
        {
            if (st.Type is not (NodeType.Regular or NodeType.Directory)) return write ? Errno.EPERM : Errno.ENODATA;
            return Permissions.May(st, write ? AccessMask.Write : AccessMask.Read, ctx.Who) ? Errno.OK : Errno.EACCES;
        }
        if (name.StartsWith("trusted.", StringComparison.Ordinal))
            return ctx.Who.FileCapabilities ? Errno.OK : (write ? Errno.EPERM : Errno.ENODATA);
        if (name.StartsWith("security.", StringComparison.Ordinal) || name.StartsWith("system.", StringComparison.Ordinal))
            return !write || Permissions.IsOwnerOrCapable(st, ctx.Who) ? Errno.OK : Errno.EPERM;
        return Errno.EOPNOTSUPP;
    }

    public Errno SetXattr(string path, string name, byte[] value, XattrFlags flags, bool follow, OpContext ctx)
    {
        lock (_gate)
        {
            if (value.Length > XattrSizeMax) return Errno.E2BIG;
            var err = ResolveForChange(path, follow, ctx, out var node, out var st);
            if (err != Errno.OK) return err;
            err = CheckXattrAccess(name, st, true, ctx);
            if (err != Errno.OK) return err;
            var exists = GetXattrOf(node, name, out _) == Errno.OK;
            if ((flags & XattrFlags.Create) != 0 && exists) return Errno.EEXIST;
            if ((flags & XattrFlags.Replace) != 0 && !exists) return Errno.ENODATA;
            (uint Perm, bool EquivalentToMode)? acl = null;
            if (name == PosixAcl.AccessName && (acl = PosixAcl.Parse(value)) is null) return Errno.EINVAL;
            err = MetaCopyUp(node, out var inode);
            if (err != Errno.OK) return err;
            if (acl is { } a)
            {
                var before = inode.Perm;
                inode.Perm = (inode.Perm & ~0x1FFu) | a.Perm;
                SyncRealMode(inode, before);
            }
            if (acl is { EquivalentToMode: true })
                inode.Xattrs?.Remove(name);
            else
            {
                inode.Xattrs ??= new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
                inode.Xattrs[name] = value;
            }
            inode.Ctime = Now();
            Persist(inode);
            return Errno.OK;
        }
    }

    public Errno RemoveXattr(string path, string name, bool follow, OpContext ctx)
    {
        lock (_gate)
        {
            var err = ResolveForChange(path, follow, ctx, out var node, out var st);
            if (err != Errno.OK) return err;
            err = CheckXattrAccess(name, st, true, ctx);
            if (err != Errno.OK) return err;
            if (GetXattrOf(node, name, out _) != Errno.OK) return Errno.ENODATA;
            err = MetaCopyUp(node, out var inode);
            if (err != Errno.OK) return err;
            inode.Xattrs?.Remove(name);
            inode.Ctime = Now();
            Persist(inode);
            return Errno.OK;
        }
    }

    public Errno GetXattr(string path, string name, bool follow, OpContext ctx, out byte[] value)
    {
        lock (_gate)
        {
            value = Array.Empty<byte>();
            var err = Resolve(path, follow, ctx, out var node);
            if (err != Errno.OK) return err;
            err = CheckXattrAccess(name, QuickStat(node), false, ctx);
            if (err != Errno.OK) return err;
            return GetXattrOf(node, name, out value);
        }
    }

    public Errno ListXattrs(string path, bool follow, OpContext ctx, out IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            names = Array.Empty<string>();
            var err = Resolve(path, follow, ctx, out var node);
            if (err != Errno.OK) return err;
            if (node.Upper is { } u) { names = u.Xattrs?.Keys.ToList() ?? new List<string>(); return Errno.OK; }
            var e = _lower.ListXattrs(node.Lower!, out names);
            return e == Errno.EOPNOTSUPP ? Errno.OK : e;
        }
    }

    private Errno GetXattrOf(Node node, string name, out byte[] value)
    {
        value = Array.Empty<byte>();
        if (node.Upper is { } u)
        {
            if (u.Xattrs is not null && u.Xattrs.TryGetValue(name, out var v)) { value = v; return Errno.OK; }
            return Errno.ENODATA;
        }
        var err = _lower.GetXattr(node.Lower!, name, out value);
        return err == Errno.EOPNOTSUPP ? Errno.ENODATA : err;
    }

    /// <summary>A regular file with upper data has the real mode 0600 plus its virtual exec bits (the kernel execs
    /// it); only a change of those bits touches the real file.</summary>
    private void SyncRealMode(VInode inode, uint before)
    {
        if (inode.DataInUpper && inode.Type == NodeType.Regular && (inode.Perm & Mode.ExecuteBits) != (before & Mode.ExecuteBits))
            _upper.SetRealMode(VirtualPath.ToUpper(inode.Paths[0]), inode.Perm);
    }
}
