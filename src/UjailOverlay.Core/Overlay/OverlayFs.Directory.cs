// Namespace operations (after fs/namei.c and fs/overlayfs/dir.c): mkdir, mknod, symlink, link, unlink, rmdir.
// New names land in the upper layer; a removed name that the lower layer also has becomes a whiteout; a new
// directory is opaque (lower entries of a same-named, deleted directory never show through).
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    /// <summary>Walks to the parent of a name to be created and checks what creation needs (may_create). As
    /// filename_create does, the final name is looked up without following anything, even with a trailing
    /// slash: any existing name is EEXIST, and a missing one with a trailing slash is ENOENT unless a directory
    /// is being made (WANTDIR, mkdir).</summary>
    private Errno PrepareCreate(string path, OpContext ctx, out Walked w, bool wantDir = false)
    {
        var err = Walk(path, false, trailingSlashFollows: false, ctx, out w);
        if (err != Errno.OK) return err;
        if (w.FinalIsDot || w.Target is not null) return Errno.EEXIST;
        if (w.TrailingSlash && !wantDir) return Errno.ENOENT;
        if (IsPassThrough(w.Parent.Path) || IsPassThrough(VirtualPath.Join(w.Parent.Path, w.Name))) return Errno.EACCES;
        var parentStat = QuickStat(w.Parent);
        if (!Permissions.May(parentStat, AccessMask.Write | AccessMask.Execute, ctx.Who)) return Errno.EACCES;
        return Errno.OK;
    }

    private VInode NewInode(NodeType type, uint perm, NodeStat parentStat, OpContext ctx)
    {
        var (p, gid) = Permissions.NewInode(parentStat, type, perm, ctx.Umask, ctx.Who);
        var now = Now();
        return new VInode
        {
            Ino = AllocateIno(), Dev = _upperDev, Type = type, Perm = p, Uid = ctx.Who.Uid, Gid = gid,
            Atime = now, Mtime = now, Ctime = now, DataInUpper = type is NodeType.Regular or NodeType.Fifo or NodeType.Socket,
        };
    }

    private void TouchDir(VInode dir)
    {
        dir.Mtime = dir.Ctime = Now();
        if (ReferenceEquals(dir, _root)) PersistRoot();
        Persist(dir);
    }

    public Errno Mkdir(string path, uint perm, OpContext ctx)
    {
        lock (_gate)
        {
            var err = PrepareCreate(path, ctx, out var w, wantDir: true);
            if (err != Errno.OK) return err;
            err = EnsureUpperDir(w.Parent.Path, out var parent);
            if (err != Errno.OK) return err;
            // mkdir(2) keeps only the permission bits and S_ISVTX of its mode; S_ISGID comes from the parent.
            var inode = NewInode(NodeType.Directory, perm & (Mode.S_ISVTX | 0x1FF), QuickStat(w.Parent), ctx);
            inode.Children = new Dictionary<string, VInode?>(StringComparer.Ordinal);
            inode.Opaque = true;
            AddName(parent, VirtualPath.Join(w.Parent.Path, w.Name), inode);
            TouchDir(parent);
            return Errno.OK;
        }
    }

    /// <summary>mknod(2): regular files, FIFOs and sockets are real upper objects; device nodes live only in the
    /// index (creating one needs CAP_MKNOD, as on Linux).</summary>
    public Errno Mknod(string path, uint mode, ulong rdev, OpContext ctx)
    {
        lock (_gate)
        {
            var type = (mode & Mode.S_IFMT) == 0 ? NodeType.Regular : Mode.TypeOf(mode);
            if (type is NodeType.Directory or NodeType.Symlink || !Enum.IsDefined(type)) return Errno.EINVAL;
            if (type is NodeType.CharDevice or NodeType.BlockDevice && !ctx.Who.FileCapabilities) return Errno.EPERM;
            var err = PrepareCreate(path, ctx, out var w);
            if (err != Errno.OK) return err;
            return CreateNode(w, type, mode & Mode.PermissionBits, rdev, ctx, out _);
        }
    }

    private Errno CreateNode(Walked w, NodeType type, uint perm, ulong rdev, OpContext ctx, out VInode inode)
    {
        inode = null!;
        var err = EnsureUpperDir(w.Parent.Path, out var parent);
        if (err != Errno.OK) return err;
        var path = VirtualPath.Join(w.Parent.Path, w.Name);
        var created = NewInode(type, perm, QuickStat(w.Parent), ctx);
        created.Rdev = type is NodeType.CharDevice or NodeType.BlockDevice ? rdev : 0;
        if (created.DataInUpper)
        {
            err = EnsureRealDir(parent);
            if (err != Errno.OK) return err;
            var rel = VirtualPath.ToUpper(path);
            err = type switch
            {
                NodeType.Regular => _upper.CreateFile(rel),
                NodeType.Fifo => _upper.CreateFifo(rel),
                _ => Errno.OK, // a socket's real object is made by bind(2) in the engine
            };
            if (err == Errno.EEXIST)
            {
                // A stray real object (a crash before its index entry committed): replace it.
                _upper.RemoveTree(rel);
                err = type == NodeType.Fifo ? _upper.CreateFifo(rel) : type == NodeType.Regular ? _upper.CreateFile(rel) : Errno.OK;
            }
            if (err != Errno.OK) return err;
        }
        AddName(parent, path, created);
        SyncRealMode(created, before: 0); // CreateFile made it 0600: its exec bits, if any, go on now
        TouchDir(parent);
        inode = created;
        return Errno.OK;
    }

    public Errno Symlink(string target, string path, OpContext ctx)
    {
        lock (_gate)
        {
            if (target.Length == 0) return Errno.ENOENT;
            if (VirtualPath.ByteLength(target) >= VirtualPath.PathMax) return Errno.ENAMETOOLONG;
            var err = PrepareCreate(path, ctx, out var w);
            if (err != Errno.OK) return err;
            if (w.TrailingSlash) return Errno.ENOENT;
            err = EnsureUpperDir(w.Parent.Path, out var parent);
            if (err != Errno.OK) return err;
            var inode = NewInode(NodeType.Symlink, 0x1FF, QuickStat(w.Parent), ctx);
            inode.Perm = 0x1FF; // symlinks are always 0777
            inode.DataInUpper = false;
            inode.SymlinkTarget = target;
            AddName(parent, VirtualPath.Join(w.Parent.Path, w.Name), inode);
            TouchDir(parent);
            return Errno.OK;
        }
    }

    /// <summary>link(2). The new name shares the upper inode (content is copied up first so that a write through
    /// either name shows through both); fs.protected_hardlinks rules apply to callers who do not own the file.</summary>
    public Errno Link(string existing, string newPath, bool followExisting, OpContext ctx)
    {
        lock (_gate)
        {
            var err = Resolve(existing, followExisting, ctx, out var old);
            if (err != Errno.OK) return err;
            var oldStat = QuickStat(old);
            if (!ctx.Who.FileCapabilities && oldStat.Uid != ctx.Who.Uid)
            {
                var safe = oldStat.Type == NodeType.Regular
                    && (oldStat.Mode & Mode.S_ISUID) == 0
                    && !((oldStat.Mode & Mode.S_ISGID) != 0 && (oldStat.Mode & 0x8) != 0)
                    && Permissions.May(oldStat, AccessMask.Read | AccessMask.Write, ctx.Who);
                if (!safe) return Errno.EPERM;
            }
            if (IsPassThrough(old.Path)) return Errno.EXDEV;
            err = PrepareCreate(newPath, ctx, out var w);
            if (err != Errno.OK) return err;
            if (w.TrailingSlash) return Errno.ENOENT;
            if (old.IsDirectory) return Errno.EPERM; // vfs_link, after the new name was checked
            err = old.Type == NodeType.Regular ? DataCopyUp(old, false, out var inode) : MetaCopyUp(old, out inode);
            if (err != Errno.OK) return err;
            err = EnsureUpperDir(w.Parent.Path, out var parent);
            if (err != Errno.OK) return err;
            var path = VirtualPath.Join(w.Parent.Path, w.Name);
            if (inode.DataInUpper)
            {
                err = EnsureRealDir(parent);
                if (err != Errno.OK) return err;
                err = _upper.Link(VirtualPath.ToUpper(inode.Paths[0]), VirtualPath.ToUpper(path));
                if (err != Errno.OK) return err;
            }
            inode.Ctime = Now();
            AddName(parent, path, inode);
            TouchDir(parent);
            return Errno.OK;
        }
    }

    public Errno Unlink(string path, OpContext ctx)
    {
        lock (_gate)
        {
            // "name/" is answered before any permission check (fs/namei.c do_unlinkat, "slashes").
            var err = Walk(path, false, trailingSlashFollows: false, ctx, out var first);
            if (err != Errno.OK) return err;
            if (first.FinalIsDot) return Errno.EISDIR; // ".", ".." and "/" (do_unlinkat: last component not a name)
            if (first.TrailingSlash)
                return first.Target is not { } t ? Errno.ENOENT : t.IsDirectory ? Errno.EISDIR : Errno.ENOTDIR;
            err = PrepareRemove(first, ctx, out var target);
            if (err != Errno.OK) return err;
            if (target.IsDirectory) return Errno.EISDIR;
            return RemoveName(first.Parent, first.Name, target);
        }
    }

    public Errno Rmdir(string path, OpContext ctx)
    {
        lock (_gate)
        {
            var err = Walk(path, false, trailingSlashFollows: false, ctx, out var w);
            if (err != Errno.OK) return err;
            if (w.FinalIsDot) return w.Name == "." ? Errno.EINVAL : Errno.ENOTEMPTY;
            err = PrepareRemove(w, ctx, out var target);
            if (err != Errno.OK) return err;
            if (!target.IsDirectory) return Errno.ENOTDIR;
            if (MergedEntries(target).Count > 0) return Errno.ENOTEMPTY;
            return RemoveName(w.Parent, w.Name, target);
        }
    }

    /// <summary>Checks what removing the name w found needs (may_delete): write and search on the parent, the
    /// sticky rule. w is the caller's walk (no link followed at the end, a trailing slash not followed).</summary>
    private Errno PrepareRemove(Walked w, OpContext ctx, out Node target)
    {
        target = default;
        if (w.FinalIsDot) return w.Target is { } t && t.Path == "/" ? Errno.EBUSY : Errno.EISDIR;
        if (w.Target is not { } found) return Errno.ENOENT;
        target = found;
        if (IsPassThrough(found.Path)) return Errno.EACCES;
        var parentStat = QuickStat(w.Parent);
        if (!Permissions.May(parentStat, AccessMask.Write | AccessMask.Execute, ctx.Who)) return Errno.EACCES;
        if (!Permissions.StickyAllows(parentStat, QuickStat(found), ctx.Who)) return Errno.EPERM;
        return Errno.OK;
    }

    /// <summary>Removes one name: the upper object (if any) goes, and a whiteout stays if the lower layer has the name.</summary>
    private Errno RemoveName(Node parentNode, string name, Node target)
    {
        var err = EnsureUpperDir(parentNode.Path, out var parent);
        if (err != Errno.OK) return err;
        var path = VirtualPath.Join(parentNode.Path, name);
        if (target.Upper is { } alias && !alias.Paths.Contains(path) && alias.Type == NodeType.Regular)
            alias.LowerAliases = Math.Max(0, alias.LowerAliases - 1); // one lower name of a copied-up inode goes
        if (target.Upper is { } u && u.Paths.Contains(path))
        {
            var rel = VirtualPath.ToUpper(path);
            if (u.IsDirectory) { _upper.RemoveTree(rel); DropSubtreeDentries(u, path); }
            else if (u.DataInUpper) _upper.Unlink(rel);
            u.Paths.Remove(path);
            if (u.Paths.Count == 0)
            {
                _inodes.Remove(u.Ino);
                _sink.DropInode(u.Ino);
                if (u.Origin is { } o && _byOrigin.TryGetValue((o.Dev, o.Ino), out var a) && ReferenceEquals(a, u)) _byOrigin.Remove((o.Dev, o.Ino));
            }
            else
            {
                u.Ctime = Now();
                Persist(u);
            }
        }
        var lowerHas = parentNode.MergeLower is { } ml && _lower.Lstat(VirtualPath.Join(ml, name), out _) == Errno.OK;
        if (lowerHas)
        {
            parent.Children![name] = null;
            _sink.PutDentry(new DentryRecord(path, 0));
        }
        else
        {
            parent.Children!.Remove(name);
            _sink.DropDentry(path);
        }
        TouchDir(parent);
        return Errno.OK;
    }

    /// <summary>Forgets the dentries (whiteouts included) beneath a directory that is going away.</summary>
    private void DropSubtreeDentries(VInode dir, string path)
    {
        foreach (var (name, child) in dir.Children!)
        {
            var p = VirtualPath.Join(path, name);
            if (child is not null)
            {
                if (child.Children is not null) DropSubtreeDentries(child, p);
                child.Paths.Remove(p);
                if (child.Paths.Count == 0) { _inodes.Remove(child.Ino); _sink.DropInode(child.Ino); }
            }
            _sink.DropDentry(p);
        }
        dir.Children.Clear();
        dir.RealDirExists = false;
    }
}
