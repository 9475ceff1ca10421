// A state directory in memory: a FakeLowerLayer (the host), a FakeUpperTree and the OverlayImage that indexes it,
// built with calls that mirror what the overlay does (copy-up, create, whiteout, rename with redirect) so tests
// of anything that reads a state (diff, fsck, export, the IFileSystem) can set one up in a few lines. It writes
// both the records and the upper files, keeping them consistent the way a real state directory is; tests that
// need an inconsistent state edit Upper or use Put directly.
using System.Text;
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Core.Tests.Fakes;

public sealed class FakeState
{
    private readonly Dictionary<ulong, InodeRecord> _inodes = new();
    private readonly Dictionary<string, DentryRecord> _dentries = new(StringComparer.Ordinal);
    private ulong _nextIno = OverlayImage.FirstUpperIno;

    public FakeState(FakeLowerLayer? lower = null)
    {
        Lower = lower ?? new FakeLowerLayer();
        Upper = new FakeUpperTree(Lower);
    }

    public FakeLowerLayer Lower { get; }
    public FakeUpperTree Upper { get; }

    public OverlayImage Image => new(
        _inodes.Values.OrderBy(i => i.Ino).ToArray(),
        _dentries.Values.OrderBy(d => d.Path, StringComparer.Ordinal).ToArray(),
        _nextIno);

    public InodeRecord InodeAt(string path) => _inodes[_dentries[FakeTree.Normalize(path)].Ino];

    // ---- what the overlay records -------------------------------------------------------------------------

    /// <summary>Copies a lower object up: its metadata into a new inode, and for a regular file (data: true) its
    /// content into the upper tree with an Origin carrying the lower identity and SHA-256. data: false is a
    /// metadata-only copy-up whose content stays in the lower file. Parent directories are copied up first.</summary>
    public InodeRecord CopyUp(string path, bool data = true)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        var stat = Lower.Stat(path);
        var node = Lower.Tree.Get(path);
        var type = stat.Type;
        var dataInUpper = type == NodeType.Regular && data;
        var rel = FakeUpperTree.Key(path)[1..];
        string? sha = null;
        switch (type)
        {
            case NodeType.Directory: Upper.MakeDirectory(rel); break;
            case NodeType.Symlink: Upper.CreateSymlink(rel, node.Target!); break;
            case NodeType.Regular when dataInUpper: Upper.CopyUp(path, rel, out sha); break;
            case NodeType.Regular: Upper.CreateFile(rel); break; // a placeholder, as the metacopy one would be
            default: Upper.CreateFifo(rel); break;
        }
        var inode = new InodeRecord(_nextIno++, type, stat.Permissions, stat.Uid, stat.Gid, stat.Rdev,
            stat.Atime, stat.Mtime, stat.Ctime, dataInUpper, path,
            new LowerIdentity(stat.Dev, stat.Ino, stat.Size, stat.Mtime, stat.Ctime, type == NodeType.Regular ? sha ?? Lower.Sha256(path) : null),
            node.Target, Opaque: false, Redirect: null,
            node.Xattrs.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
        return Put(path, inode);
    }

    /// <summary>A new regular file in upper (no origin), as open(O_CREAT) over nothing or over a whiteout.</summary>
    public InodeRecord CreateFile(string path, string content, uint perm = 0x1A4, uint uid = 0, uint gid = 0)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        Upper.WriteFile(path[1..], content);
        return Put(path, NewInode(NodeType.Regular, perm, uid, gid) with { DataInUpper = true });
    }

    public InodeRecord CreateDirectory(string path, uint perm = 0x1ED, bool opaque = false, uint uid = 0, uint gid = 0)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        Upper.MakeDirectory(path[1..]);
        // Linux: mkdir over a whiteout makes an opaque directory (fs/overlayfs/dir.c, ovl_create_over_whiteout).
        var overWhiteout = _dentries.TryGetValue(path, out var previous) && previous.IsWhiteout;
        return Put(path, NewInode(NodeType.Directory, perm, uid, gid) with { Opaque = opaque || overWhiteout });
    }

    public InodeRecord CreateSymlink(string path, string target, uint uid = 0, uint gid = 0)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        Upper.CreateSymlink(path[1..], target);
        return Put(path, NewInode(NodeType.Symlink, 0x1FF, uid, gid) with { SymlinkTarget = target });
    }

    public InodeRecord CreateFifo(string path, uint perm = 0x1A4)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        Upper.CreateFifo(path[1..]);
        return Put(path, NewInode(NodeType.Fifo, perm, 0, 0));
    }

    /// <summary>A device node: only virtual (the upper tree holds a placeholder file, as mknod is not allowed).</summary>
    public InodeRecord CreateDevice(string path, NodeType type, ulong rdev, uint perm = 0x1B6)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        Upper.CreateFile(path[1..]);
        return Put(path, NewInode(type, perm, 0, 0) with { Rdev = rdev });
    }

    /// <summary>Hides whatever is at path (lower or upper): removes upper content and records a whiteout.</summary>
    public void Whiteout(string path)
    {
        path = FakeTree.Normalize(path);
        EnsureParents(path);
        Upper.RemoveTree(path[1..]);
        foreach (var beneath in _dentries.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToArray())
            _dentries.Remove(beneath);
        _dentries[path] = new DentryRecord(path, 0);
    }

    /// <summary>Moves a lower directory as overlayfs does without copying its tree: a whiteout at from, and at to
    /// a copied-up directory whose Redirect names the lower directory that still supplies its entries.</summary>
    public InodeRecord RenameLowerDirectory(string from, string to)
    {
        from = FakeTree.Normalize(from);
        var stat = Lower.Stat(from);
        Whiteout(from);
        var inode = CreateDirectory(to, stat.Permissions, uid: stat.Uid, gid: stat.Gid);
        // A moved directory is not opaque even when it lands on a whiteout: its lower entries still merge in.
        return Edit(to, i => i with { Redirect = from, LowerPath = from, Mtime = stat.Mtime, Opaque = false });
    }

    /// <summary>A second name for the inode at existing (link(2)); the upper file is hard-linked too.</summary>
    public void Link(string existing, string newPath)
    {
        newPath = FakeTree.Normalize(newPath);
        EnsureParents(newPath);
        Upper.Link(FakeTree.Normalize(existing)[1..], newPath[1..]);
        _dentries[newPath] = new DentryRecord(newPath, InodeAt(existing).Ino);
    }

    /// <summary>Replaces the content of the upper file at path (the inode must have DataInUpper).</summary>
    public void WriteUpper(string path, string content) => Upper.WriteFile(FakeTree.Normalize(path)[1..], content);

    /// <summary>Changes the virtual record of the inode at path (chmod, chown, setxattr, utimes...).</summary>
    public InodeRecord Edit(string path, Func<InodeRecord, InodeRecord> change)
    {
        var updated = change(InodeAt(path));
        _inodes[updated.Ino] = updated;
        return updated;
    }

    public InodeRecord Chmod(string path, uint perm) => Edit(path, i => i with { Perm = perm });

    public InodeRecord Chown(string path, uint uid, uint gid) => Edit(path, i => i with { Uid = uid, Gid = gid });

    public InodeRecord SetXattr(string path, string name, string value) => Edit(path, i => i with
    {
        Xattrs = new Dictionary<string, byte[]>(i.Xattrs, StringComparer.Ordinal) { [name] = Encoding.UTF8.GetBytes(value) },
    });

    /// <summary>Binds path to inode (adding or replacing the inode record); the low-level way to build odd states.</summary>
    public InodeRecord Put(string path, InodeRecord inode)
    {
        path = FakeTree.Normalize(path);
        _inodes[inode.Ino] = inode;
        _dentries[path] = new DentryRecord(path, inode.Ino);
        _nextIno = Math.Max(_nextIno, inode.Ino + 1);
        return inode;
    }

    private InodeRecord NewInode(NodeType type, uint perm, uint uid, uint gid)
    {
        var now = Upper.Tree.Tick();
        return new InodeRecord(_nextIno++, type, perm, uid, gid, 0, now, now, now, DataInUpper: false, LowerPath: null,
            Origin: null, SymlinkTarget: null, Opaque: false, Redirect: null, new Dictionary<string, byte[]>());
    }

    /// <summary>Gives every ancestor of path a dentry, as the overlay does before it creates anything in upper:
    /// a copy-up where the host has a directory, a new directory where it has none.</summary>
    private void EnsureParents(string path)
    {
        var parent = FakeTree.ParentOf(path);
        if (parent == "/" || _dentries.TryGetValue(parent, out var existing) && !existing.IsWhiteout) return;
        EnsureParents(parent);
        if (!_dentries.ContainsKey(parent) && Lower.Tree.Find(parent) is { Type: NodeType.Directory }) CopyUp(parent);
        else CreateDirectory(parent);
    }
}
