// Copy-up (after fs/overlayfs/copy_up.c). A metadata copy-up gives a lower object an upper inode carrying its
// metadata (mode, owner, times, xattrs, symlink target) without copying content; a data copy-up also copies the
// content into the upper tree (built in work/ and renamed into place by IUpperTree.CopyUp). Parents are copied
// up first. Copied-up inodes keep the lower device and inode number, and a lower file with several names is
// copied once: its other names then show the same upper inode (hard-link aware).
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    /// <summary>Gives the node an upper inode (metadata only) and returns it.</summary>
    private Errno MetaCopyUp(Node node, out VInode inode)
    {
        if (node.Upper is { } existing && existing.Paths.Contains(node.Path)) { inode = existing; return Errno.OK; }
        if (ReferenceEquals(node.Upper, _root)) { inode = _root; PersistRoot(); return Errno.OK; }
        inode = null!;
        var parentPath = VirtualPath.Parent(node.Path);
        var err = EnsureUpperDir(parentPath, out var parent);
        if (err != Errno.OK) return err;

        if (node.Upper is { } alias)
        {
            // A hard-link alias: make this name a real link to the upper copy.
            err = EnsureRealDir(parent);
            if (err != Errno.OK) return err;
            err = _upper.Link(VirtualPath.ToUpper(alias.Paths[0]), VirtualPath.ToUpper(node.Path));
            if (err != Errno.OK) return err;
            AddName(parent, node.Path, alias);
            alias.LowerAliases = Math.Max(0, alias.LowerAliases - 1);
            inode = alias;
            return Errno.OK;
        }

        var st = node.LowerStat ?? (_lower.Lstat(node.Lower!, out var s) == Errno.OK ? s : null);
        if (st is null) return Errno.ENOENT;
        inode = new VInode
        {
            Ino = AllocateIno(), Dev = st.Dev, Type = st.Type, Perm = st.Permissions, Uid = st.Uid, Gid = st.Gid,
            Rdev = st.Rdev, Atime = st.Atime, Mtime = st.Mtime, Ctime = st.Ctime, LowerPath = node.Lower,
            Origin = new LowerIdentity(st.Dev, st.Ino, st.Size, st.Mtime, st.Ctime, null),
        };
        if (st.Type == NodeType.Symlink)
        {
            if (_lower.ReadLink(node.Lower!, out var target) != Errno.OK) return Errno.EIO;
            inode.SymlinkTarget = target;
        }
        if (st.Type == NodeType.Directory)
        {
            inode.Children = new Dictionary<string, VInode?>(StringComparer.Ordinal);
            if (node.Lower != node.Path) inode.Redirect = node.Lower;
        }
        CopyLowerXattrs(node.Lower!, inode);
        AddName(parent, node.Path, inode);
        return Errno.OK;
    }

    private void PersistRoot()
    {
        if (_root.Ino != 0 && _inodes.ContainsKey(_root.Ino)) return;
        Persist(_root);
        _sink.PutDentry(new DentryRecord("/", _root.Ino));
    }

    private void CopyLowerXattrs(string lowerPath, VInode inode)
    {
        if (_lower.ListXattrs(lowerPath, out var names) != Errno.OK || names.Count == 0) return;
        inode.Xattrs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in names)
            if (_lower.GetXattr(lowerPath, name, out var value) == Errno.OK) inode.Xattrs[name] = value;
    }

    /// <summary>Binds a name in an upper directory to an inode and records both.</summary>
    private void AddName(VInode parent, string path, VInode inode)
    {
        parent.Children![VirtualPath.Name(path)] = inode;
        inode.Paths.Add(path);
        Persist(inode);
        _sink.PutDentry(new DentryRecord(path, inode.Ino));
    }

    /// <summary>Copies the content of a regular file up (after a metadata copy-up if needed).</summary>
    private Errno DataCopyUp(Node node, bool truncateToZero, out VInode inode)
    {
        var err = MetaCopyUp(node, out inode);
        if (err != Errno.OK || inode.DataInUpper) return err;
        if (inode.Type != NodeType.Regular) return Errno.OK;
        err = EnsureRealDir(UpperAt(VirtualPath.Parent(node.Path))!);
        if (err != Errno.OK) return err;
        var rel = VirtualPath.ToUpper(node.Path);
        string? sha = null;
        if (truncateToZero || inode.LowerPath is null)
        {
            err = _upper.CreateFile(rel);
            // An empty lower file truncated to empty is still the same content (dpkg's lock files, logs rotated to 0).
            if (inode.Origin is { Size: 0 }) sha = EmptySha256;
        }
        else
        {
            err = _upper.CopyUp(inode.LowerPath, rel, out sha);
            // An empty lower file the real user may not read (an unprivileged --fake-root run opening the host's
            // 0600 root lock files, as lckpwdf does with /etc/.pwd.lock) has no content to copy: start it empty.
            if (err is Errno.EACCES or Errno.EPERM && inode.Origin is { Size: 0 })
            {
                err = _upper.CreateFile(rel);
                sha = EmptySha256;
            }
        }
        if (err != Errno.OK) return err;
        _upper.SetRealMode(rel, inode.Perm);
        _upper.SetTimes(rel, inode.Atime, inode.Mtime);
        if (inode.Origin is { } o)
        {
            inode.Origin = o with { Sha256 = sha };
            var lowerLinks = node.LowerStat?.Nlink ?? (_lower.Lstat(inode.LowerPath!, out var ls) == Errno.OK ? ls.Nlink : 1);
            if (lowerLinks > 1)
            {
                _byOrigin[(o.Dev, o.Ino)] = inode;
                inode.LowerAliases = (int)lowerLinks - 1;
            }
        }
        inode.DataInUpper = true;
        Persist(inode);
        return Errno.OK;
    }

    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Makes sure the directory at path has an upper inode (copying up each ancestor).</summary>
    private Errno EnsureUpperDir(string path, out VInode dir)
    {
        dir = _root;
        if (path == "/") return Errno.OK;
        var cur = RootNode();
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var child = LookupChild(cur, name);
            if (child is null) return Errno.ENOENT;
            if (!child.Value.IsDirectory) return Errno.ENOTDIR;
            var err = MetaCopyUp(child.Value, out var inode);
            if (err != Errno.OK) return err;
            cur = child.Value with { Upper = inode };
            dir = inode;
        }
        return Errno.OK;
    }

    /// <summary>Creates the real upper directory (and its parents) on first need.</summary>
    private Errno EnsureRealDir(VInode dir)
    {
        if (dir.RealDirExists) return Errno.OK;
        var path = dir.Paths[0];
        var parent = UpperAt(VirtualPath.Parent(path));
        if (parent is null) return Errno.ENOENT;
        var err = EnsureRealDir(parent);
        if (err != Errno.OK) return err;
        err = _upper.MakeDirectory(VirtualPath.ToUpper(path));
        if (err is not (Errno.OK or Errno.EEXIST)) return err;
        dir.RealDirExists = true;
        return Errno.OK;
    }
}
