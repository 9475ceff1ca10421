// rename(2)/renameat2(2) with RENAME_NOREPLACE and RENAME_EXCHANGE. Never EXDEV inside the overlay: a lower
// file moves as a metadata copy-up (its content stays in the lower layer), a lower or merged directory moves
// with a redirect to the lower directory it came from (overlayfs's redirect_dir), and the old name becomes a
// whiteout where the lower layer still has it. Checks follow fs/namei.c do_renameat2 and vfs_rename.
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    public Errno Rename(string oldPath, string newPath, RenameFlags flags, OpContext ctx)
    {
        lock (_gate)
        {
            if ((flags & ~(RenameFlags.NoReplace | RenameFlags.Exchange)) != 0) return Errno.EINVAL;
            if ((flags & RenameFlags.NoReplace) != 0 && (flags & RenameFlags.Exchange) != 0) return Errno.EINVAL;
            // do_renameat2: both parents resolve first, then "." / ".." / "/" as a final name, then the lookups.
            var err = Walk(oldPath, false, trailingSlashFollows: false, ctx, out var wo);
            if (err != Errno.OK) return err;
            err = Walk(newPath, false, trailingSlashFollows: false, ctx, out var wn);
            if (err != Errno.OK) return err;
            if (wo.FinalIsDot) return Errno.EBUSY;
            if (wn.FinalIsDot) return (flags & RenameFlags.NoReplace) != 0 ? Errno.EEXIST : Errno.EBUSY;
            if (wo.Target is not { } old) return Errno.ENOENT;
            var exchange = (flags & RenameFlags.Exchange) != 0;
            var existing = wn.Target;
            // do_renameat2, in its order: NOREPLACE, EXCHANGE's target, then trailing slashes on a non-directory.
            if (existing is not null && (flags & RenameFlags.NoReplace) != 0) return Errno.EEXIST;
            if (exchange && existing is null) return Errno.ENOENT;
            if (exchange && existing is { IsDirectory: false } && wn.TrailingSlash) return Errno.ENOTDIR;
            if (!old.IsDirectory && (wo.TrailingSlash || (wn.TrailingSlash && !exchange))) return Errno.ENOTDIR;
            if (IsPassThrough(old.Path) || IsPassThrough(wn.Parent.Path)) return Errno.EXDEV;

            var newFull = VirtualPath.Join(wn.Parent.Path, wn.Name);
            // Moving a directory beneath itself, or something over an ancestor of itself.
            if (old.IsDirectory && VirtualPath.IsAtOrBeneath(newFull, old.Path) && newFull != old.Path) return Errno.EINVAL;
            if (existing is { } e0 && e0.IsDirectory && VirtualPath.IsAtOrBeneath(old.Path, e0.Path) && old.Path != e0.Path)
                return exchange ? Errno.EINVAL : Errno.ENOTEMPTY;
            var oldStat = QuickStat(old);
            NodeStat? existingStat = existing is { } ex0 ? QuickStat(ex0) : null;
            // vfs_rename: renaming a file onto itself succeeds before any permission check.
            if (existing is { } same && SameObject(old, oldStat, same, existingStat!)) return Errno.OK;

            // may_delete(old), then may_delete(new) or may_create(new): permission, sticky bit, then the types.
            var oldParentStat = QuickStat(wo.Parent);
            var newParentStat = QuickStat(wn.Parent);
            if (!Permissions.May(oldParentStat, AccessMask.Write | AccessMask.Execute, ctx.Who)) return Errno.EACCES;
            if (!Permissions.StickyAllows(oldParentStat, oldStat, ctx.Who)) return Errno.EPERM;
            if (!Permissions.May(newParentStat, AccessMask.Write | AccessMask.Execute, ctx.Who)) return Errno.EACCES;
            if (existing is { } ex)
            {
                if (!Permissions.StickyAllows(newParentStat, existingStat!, ctx.Who)) return Errno.EPERM;
                if (!exchange)
                {
                    if (old.IsDirectory && !ex.IsDirectory) return Errno.ENOTDIR;
                    if (!old.IsDirectory && ex.IsDirectory) return Errno.EISDIR;
                }
            }
            // Moving a directory to another parent rewrites its ".." entry: that needs write permission on it.
            if (wo.Parent.Path != wn.Parent.Path)
            {
                if (old.IsDirectory && !Permissions.May(oldStat, AccessMask.Write, ctx.Who)) return Errno.EACCES;
                if (exchange && existing!.Value.IsDirectory && !Permissions.May(existingStat!, AccessMask.Write, ctx.Who)) return Errno.EACCES;
            }
            if (!exchange && existing is { IsDirectory: true } full && MergedEntries(full).Count > 0) return Errno.ENOTEMPTY;
            return exchange ? Exchange(wo, old, wn, existing!.Value) : Move(wo, old, wn, existing);
        }
    }

    private static bool SameObject(Node a, NodeStat sa, Node b, NodeStat sb) =>
        a.Path == b.Path || (sa.Dev == sb.Dev && sa.Ino == sb.Ino && !a.IsDirectory);

    private Errno Move(Walked wo, Node old, Walked wn, Node? existing)
    {
        var newPath = VirtualPath.Join(wn.Parent.Path, wn.Name);
        // A regular file moves with its content (as overlayfs without metacopy does): a descriptor opened on it
        // later must name its new place, which only an upper file's kernel path does.
        var err = old.Type == NodeType.Regular ? DataCopyUp(old, false, out var inode) : MetaCopyUp(old, out inode);
        if (err != Errno.OK) return err;
        err = EnsureUpperDir(wn.Parent.Path, out var newParent);
        if (err != Errno.OK) return err;
        var oldParent = UpperAt(wo.Parent.Path)!;
        var newRel = VirtualPath.ToUpper(newPath);

        // Clear the destination: its upper object goes; its index binding is replaced below.
        if (existing is { Upper: { } target } && target.Paths.Contains(newPath))
        {
            if (target.IsDirectory) { _upper.RemoveTree(newRel); DropSubtreeDentries(target, newPath); }
            else if (target.DataInUpper) _upper.Unlink(newRel);
            target.Paths.Remove(newPath);
            if (target.Paths.Count == 0) { _inodes.Remove(target.Ino); _sink.DropInode(target.Ino); }
            else Persist(target);
        }
        if (HasRealObject(inode))
        {
            err = EnsureRealDir(newParent);
            if (err != Errno.OK) return err;
            err = _upper.Rename(VirtualPath.ToUpper(old.Path), newRel, RenameFlags.None);
            if (err != Errno.OK) return err;
        }
        if (inode.IsDirectory) PinLowerOrigin(inode, old);

        // Bind the new name, then unbind the old one (a whiteout stays where the lower layer has it).
        newParent.Children![wn.Name] = inode;
        Rebind(inode, old.Path, newPath);
        var lowerHasOld = wo.Parent.MergeLower is { } ml && _lower.Lstat(VirtualPath.Join(ml, wo.Name), out _) == Errno.OK;
        if (lowerHasOld) { oldParent.Children![wo.Name] = null; _sink.PutDentry(new DentryRecord(old.Path, 0)); }
        else oldParent.Children!.Remove(wo.Name); // Rebind already dropped its dentry
        inode.Ctime = Now();
        Persist(inode);
        TouchDir(oldParent);
        if (!ReferenceEquals(oldParent, newParent)) TouchDir(newParent);
        return Errno.OK;
    }

    private Errno Exchange(Walked wa, Node a, Walked wb, Node b)
    {
        var err = a.Type == NodeType.Regular ? DataCopyUp(a, false, out var ia) : MetaCopyUp(a, out ia);
        if (err != Errno.OK) return err;
        err = b.Type == NodeType.Regular ? DataCopyUp(b, false, out var ib) : MetaCopyUp(b, out ib);
        if (err != Errno.OK) return err;
        var pa = UpperAt(wa.Parent.Path)!;
        var pb = UpperAt(wb.Parent.Path)!;
        var ra = VirtualPath.ToUpper(a.Path);
        var rb = VirtualPath.ToUpper(b.Path);
        var realA = HasRealObject(ia);
        var realB = HasRealObject(ib);
        if (realA && realB) err = _upper.Rename(ra, rb, RenameFlags.Exchange);
        else if (realA) { err = EnsureRealDir(pb); if (err == Errno.OK) err = _upper.Rename(ra, rb, RenameFlags.None); }
        else if (realB) { err = EnsureRealDir(pa); if (err == Errno.OK) err = _upper.Rename(rb, ra, RenameFlags.None); }
        if (err != Errno.OK) return err;
        if (ia.IsDirectory) PinLowerOrigin(ia, a);
        if (ib.IsDirectory) PinLowerOrigin(ib, b);
        pa.Children![wa.Name] = ib;
        pb.Children![wb.Name] = ia;
        const string parking = "\0exchange";
        Rebind(ia, a.Path, parking);
        Rebind(ib, b.Path, a.Path);
        Rebind(ia, parking, b.Path);
        ia.Ctime = ib.Ctime = Now();
        Persist(ia);
        Persist(ib);
        TouchDir(pa);
        if (!ReferenceEquals(pa, pb)) TouchDir(pb);
        return Errno.OK;
    }

    private static bool HasRealObject(VInode inode) => inode.IsDirectory ? inode.RealDirExists : inode.DataInUpper;

    /// <summary>A directory that moves keeps merging the lower directory it merged before (or none).</summary>
    private static void PinLowerOrigin(VInode dir, Node node)
    {
        if (dir.Opaque) return;
        dir.Redirect = node.MergeLower;
        if (dir.Redirect is null) dir.Opaque = true;
    }

    /// <summary>Moves a name (and, for a directory, every dentry beneath it) from one path to another.</summary>
    private void Rebind(VInode inode, string from, string to)
    {
        var i = inode.Paths.IndexOf(from);
        if (i >= 0) inode.Paths[i] = to;
        if (!from.StartsWith('\0')) _sink.DropDentry(from);
        if (!to.StartsWith('\0')) _sink.PutDentry(new DentryRecord(to, inode.Ino));
        if (inode.Children is null) return;
        foreach (var (name, child) in inode.Children)
        {
            var cf = from + "/" + name;
            var ct = to + "/" + name;
            if (child is null)
            {
                if (!from.StartsWith('\0')) _sink.DropDentry(cf);
                if (!to.StartsWith('\0')) _sink.PutDentry(new DentryRecord(ct, 0));
                continue;
            }
            Rebind(child, cf, ct);
        }
    }
}
