// open(2) in the merged view (fs/namei.c do_open / may_open): creation with O_CREAT (through a dangling
// symlink too, not with O_EXCL), O_EXCL, O_NOFOLLOW (ELOOP on a final symlink), O_DIRECTORY, O_PATH, and the
// access checks. A regular file opened for writing, or with O_TRUNC even read-only, is copied up first, so a
// writable descriptor only ever reaches the upper tree. The result says which real object the engine opens.
namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    public Errno Open(string path, OpenFlags flags, uint createPerm, OpContext ctx, out OpenResult result)
    {
        lock (_gate)
        {
            result = null!;
            var accessMode = flags & OpenFlags.AccessModeMask;
            if (accessMode == OpenFlags.AccessModeMask) return Errno.EINVAL;
            if ((flags & OpenFlags.TmpFile) == OpenFlags.TmpFile) return Errno.EOPNOTSUPP;
            var isPath = (flags & OpenFlags.Path) != 0;
            var create = (flags & OpenFlags.Create) != 0 && !isPath;
            var exclusive = create && (flags & OpenFlags.Exclusive) != 0;
            var noFollow = (flags & OpenFlags.NoFollow) != 0 || exclusive;
            var wantsWrite = !isPath && (accessMode != OpenFlags.ReadOnly || (flags & OpenFlags.Truncate) != 0);

            if (create && path.Length > 1 && path[^1] == '/')
            {
                // open_last_lookups: with O_CREAT a trailing slash is EISDIR once the parent is found, whatever
                // the final name is (missing, a file, a symlink, a directory).
                var parentErr = Walk(path, false, trailingSlashFollows: false, ctx, out _);
                return parentErr != Errno.OK ? parentErr : Errno.EISDIR;
            }
            var err = Walk(path, !noFollow, trailingSlashFollows: true, ctx, out var w, trackHost: !wantsWrite && !create && !isPath);
            if (err != Errno.OK) return err;
            // The walk honoured any resolution scope; what follows works on the canonical paths it found.
            if (ctx.Scope is not null) ctx = ctx with { Scope = null };
            if (w.Target is not { } node)
            {
                if (!create) return Errno.ENOENT;
                if (w.TrailingSlash) return Errno.EISDIR;
                if ((flags & OpenFlags.Directory) != 0) return Errno.EINVAL; // O_CREAT|O_DIRECTORY on a missing name
                err = PrepareCreate(VirtualPath.Join(w.Parent.Path, w.Name), ctx, out var wc);
                if (err != Errno.OK) return err;
                err = CreateNode(wc, NodeType.Regular, createPerm, 0, ctx, out var created);
                if (err != Errno.OK) return err;
                if (wantsWrite)
                {
                    // As for an existing file opened for writing: the writes the kernel makes on the upper file
                    // are not seen here, so the bits a caller without CAP_FSETID loses at its first write go now.
                    ClearPrivilegeBitsOnWrite(created, ctx);
                    Persist(created);
                }
                var createdPath = created.Paths[^1];
                result = new OpenResult(createdPath, new Backing(BackingKind.Upper, VirtualPath.ToUpper(createdPath)),
                    StatOf(new Node(createdPath, created, null, null)), Created: true);
                return Errno.OK;
            }
            if (exclusive) return Errno.EEXIST;
            if (node.Type == NodeType.Symlink)
            {
                if (!isPath) return Errno.ELOOP; // O_NOFOLLOW on a final symlink
            }
            if ((flags & OpenFlags.Directory) != 0 && !node.IsDirectory && node.Type != NodeType.Symlink) return Errno.ENOTDIR;
            if (node.IsDirectory && (wantsWrite || create) && !isPath) return Errno.EISDIR;

            var st = StatOf(node);
            if (!isPath)
            {
                var mask = AccessMask.Exists;
                if (accessMode is OpenFlags.ReadOnly or OpenFlags.ReadWrite) mask |= AccessMask.Read;
                if (wantsWrite) mask |= AccessMask.Write;
                if (!Permissions.May(st, mask, ctx.Who)) return Errno.EACCES;
            }
            result = new OpenResult(node.Path, default, st, Created: false);
            err = BackingFor(node, st, wantsWrite, (flags & OpenFlags.Truncate) != 0, ctx, ref result);
            // (The walk tracks HostUnchanged only for read-only, non-O_PATH opens.)
            if (err == Errno.OK && w.HostUnchanged && node.Upper is null
                && result.Backing.Kind == BackingKind.Lower && result.Backing.Path == node.Path)
                result = result with { HostUnchanged = true };
            return err;
        }
    }

    private Errno BackingFor(Node node, NodeStat st, bool write, bool truncate, OpContext ctx, ref OpenResult result)
    {
        if (IsPassThrough(node.Path))
        {
            result = result with { Backing = new Backing(BackingKind.Pseudo, node.Lower ?? node.Path) };
            return Errno.OK;
        }
        switch (node.Type)
        {
            case NodeType.Regular when write:
            {
                var err = DataCopyUp(node, truncate, out var inode);
                if (err != Errno.OK) return err;
                var rel = VirtualPath.ToUpper(inode.Paths.Contains(node.Path) ? node.Path : inode.Paths[0]);
                if (truncate) { _upper.Truncate(rel, 0); inode.Mtime = inode.Ctime = Now(); }
                ClearPrivilegeBitsOnWrite(inode, ctx);
                Persist(inode);
                result = result with { Backing = new Backing(BackingKind.Upper, rel), Stat = StatOf(node with { Upper = inode }) };
                return Errno.OK;
            }
            case NodeType.Regular:
                result = result with
                {
                    Backing = node.Upper is { DataInUpper: true } u
                        ? new Backing(BackingKind.Upper, VirtualPath.ToUpper(u.Paths.Contains(node.Path) ? node.Path : u.Paths[0]))
                        : new Backing(BackingKind.Lower, node.Upper?.LowerPath ?? node.Lower!),
                };
                return Errno.OK;
            case NodeType.Directory:
            {
                // A directory with an upper inode is opened as its real upper directory, so the kernel's path of
                // the descriptor (/proc/PID/fd) names it at its virtual place even after a rename.
                // A lower directory beneath a renamed one (its host path is not its virtual path) is copied up
                // too, for the same reason: *at calls on its descriptor must resolve beneath the new name.
                if (node.Upper is null && node.Lower != node.Path && MetaCopyUp(node, out var copied) == Errno.OK)
                    node = node with { Upper = copied };
                if (node.Upper is { } dir)
                {
                    var err = EnsureRealDir(dir);
                    if (err != Errno.OK) return err;
                    result = result with { Backing = new Backing(BackingKind.Upper, VirtualPath.ToUpper(node.Path)) };
                }
                else result = result with { Backing = new Backing(BackingKind.Lower, node.Lower!) };
                return Errno.OK;
            }
            case NodeType.CharDevice or NodeType.BlockDevice when node.Upper is not null && node.Upper.LowerPath is null:
                result = result with { Backing = new Backing(BackingKind.VirtualDevice, node.Path) };
                return Errno.OK;
            case NodeType.Fifo or NodeType.Socket when node.Upper is { DataInUpper: true }:
                result = result with { Backing = new Backing(BackingKind.Upper, VirtualPath.ToUpper(node.Path)) };
                return Errno.OK;
            case NodeType.Symlink:
                result = result with { Backing = new Backing(node.Upper is null ? BackingKind.Lower : BackingKind.Upper, node.Upper is null ? node.Lower! : VirtualPath.ToUpper(node.Path)) };
                return Errno.OK;
            default:
                // Host devices, FIFOs and sockets: the engine opens the host node (writes to /dev/null, a tty or a
                // FIFO reach the device, not the file system).
                result = result with { Backing = new Backing(BackingKind.Pseudo, node.Upper?.LowerPath ?? node.Lower ?? node.Path) };
                return Errno.OK;
        }
    }
}

public sealed partial class OverlayFs
{
    /// <summary>execve(2)'s view of a path (fs/exec.c do_open_execat): it must resolve to a regular file the
    /// caller may execute (EACCES otherwise); the result names the real file the kernel should load.</summary>
    public Errno ResolveExecutable(string path, bool follow, OpContext ctx, out OpenResult result)
    {
        lock (_gate)
        {
            result = null!;
            var err = Resolve(path, follow, ctx, out var node);
            if (err != Errno.OK) return err;
            if (node.Type == NodeType.Symlink) return Errno.ELOOP;
            if (node.Type != NodeType.Regular) return Errno.EACCES;
            var st = StatOf(node);
            if (!Permissions.May(st, AccessMask.Execute, ctx.Who)) return Errno.EACCES;
            var backing = node.Upper is { DataInUpper: true } u
                ? new Backing(BackingKind.Upper, VirtualPath.ToUpper(u.Paths.Contains(node.Path) ? node.Path : u.Paths[0]))
                : new Backing(BackingKind.Lower, node.Upper?.LowerPath ?? node.Lower!);
            result = new OpenResult(node.Path, backing, st, false);
            return Errno.OK;
        }
    }
}

public sealed partial class OverlayFs
{
    /// <summary>O_TMPFILE's directory check (fs/namei.c do_tmpfile): a directory the caller may write and search.
    /// The engine makes the unnamed file itself; <see cref="AdoptFile"/> gives it a name later.</summary>
    public Errno CheckTmpfileDirectory(string path, OpContext ctx)
    {
        lock (_gate)
        {
            var err = Resolve(path, true, ctx, out var node);
            if (err != Errno.OK) return err;
            if (!node.IsDirectory) return Errno.ENOTDIR;
            if (IsPassThrough(node.Path)) return Errno.EOPNOTSUPP;
            return Permissions.May(QuickStat(node), AccessMask.Write | AccessMask.Execute, ctx.Who) ? Errno.OK : Errno.EACCES;
        }
    }

    /// <summary>Names a file the engine already made (an O_TMPFILE being linked in): checks as link(2) would for
    /// the new name, then lets <paramref name="materialize"/> put the real file at the given upper-relative path
    /// and records it as a new inode with the given permission bits.</summary>
    public Errno AdoptFile(string path, uint perm, OpContext ctx, Func<string, Errno> materialize)
    {
        lock (_gate)
        {
            var err = PrepareCreate(path, ctx, out var w);
            if (err != Errno.OK) return err;
            if (w.TrailingSlash) return Errno.ENOENT;
            err = EnsureUpperDir(w.Parent.Path, out var parent);
            if (err != Errno.OK) return err;
            err = EnsureRealDir(parent);
            if (err != Errno.OK) return err;
            var full = VirtualPath.Join(w.Parent.Path, w.Name);
            err = materialize(VirtualPath.ToUpper(full));
            if (err != Errno.OK) return err;
            var inode = NewInode(NodeType.Regular, perm, QuickStat(w.Parent), ctx with { Umask = 0 });
            inode.DataInUpper = true;
            _upper.SetRealMode(VirtualPath.ToUpper(full), inode.Perm);
            AddName(parent, full, inode);
            TouchDir(parent);
            return Errno.OK;
        }
    }
}
