// The merged view of a read-only lower layer and a writable upper tree, with exactly Linux's semantics for
// the operations a jailed program can make. One lock serialises the model (operations are short: no blocking
// I/O beyond the upper tree's own calls); every change is reported to the IChangeSink as it is made.
// Files of this partial class are named by operation, after fs/overlayfs: Lookup (namei.c), CopyUp (copy_up.c),
// Directory (dir.c), Readdir (readdir.c), Rename, Attributes (inode.c), Open (file.c).
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    private readonly ILowerLayer _lower;
    private readonly IUpperTree _upper;
    private readonly IChangeSink _sink;
    private readonly OverlayOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<ulong, VInode> _inodes = new();
    private readonly Dictionary<(ulong Dev, ulong Ino), VInode> _byOrigin = new();
    private readonly VInode _root;
    private readonly ulong _upperDev;
    private ulong _nextIno;

    public OverlayFs(ILowerLayer lower, IUpperTree upper, IChangeSink sink, OverlayImage image, OverlayOptions? options = null)
    {
        _lower = lower;
        _upper = upper;
        _sink = sink;
        _options = options ?? new OverlayOptions();
        _nextIno = Math.Max(image.NextIno, OverlayImage.FirstUpperIno);
        var rootErr = lower.Lstat("/", out var rootStat);
        _upperDev = _options.UpperDev ?? (rootErr == Errno.OK ? rootStat.Dev : 0);
        foreach (var record in image.Inodes) _inodes[record.Ino] = VInode.FromRecord(record, _upperDev);
        _root = image.Dentries.FirstOrDefault(d => d.Path == "/") is { } rootDentry && _inodes.TryGetValue(rootDentry.Ino, out var r)
            ? r
            : RootPlaceholder(rootStat);
        _root.RealDirExists = true;
        if (_root.Paths.Count == 0) _root.Paths.Add("/");
        foreach (var d in image.Dentries.Where(d => d.Path != "/").OrderBy(d => d.Path.Count(c => c == '/')).ThenBy(d => d.Path, StringComparer.Ordinal))
            Attach(d);
        foreach (var inode in _inodes.Values)
            if (inode.Origin is { } o && inode.Type == NodeType.Regular && inode.DataInUpper)
            {
                _byOrigin[(o.Dev, o.Ino)] = inode;
                inode.LowerAliases = CountLowerAliases(inode, o);
            }
    }

    /// <summary>The lock every operation holds; the engine may take it to group several calls.</summary>
    public object Gate => _gate;

    public ILowerLayer Lower => _lower;
    public IUpperTree Upper => _upper;

    private VInode RootPlaceholder(NodeStat? st) => new()
    {
        Ino = 0, Dev = st?.Dev ?? 0, Type = NodeType.Directory, Perm = st?.Permissions ?? 0x1ED, Uid = st?.Uid ?? 0,
        Gid = st?.Gid ?? 0, Atime = st?.Atime ?? default, Mtime = st?.Mtime ?? default, Ctime = st?.Ctime ?? default,
        LowerPath = "/", Origin = st is null ? null : new LowerIdentity(st.Dev, st.Ino, st.Size, st.Mtime, st.Ctime, null),
        Children = new Dictionary<string, VInode?>(StringComparer.Ordinal),
    };

    private void Attach(DentryRecord d)
    {
        var parent = UpperAt(VirtualPath.Parent(d.Path));
        if (parent?.Children is null) return; // fsck reports dentries under missing parents
        var name = VirtualPath.Name(d.Path);
        if (d.IsWhiteout) { parent.Children[name] = null; return; }
        if (!_inodes.TryGetValue(d.Ino, out var inode)) return;
        parent.Children[name] = inode;
        inode.Paths.Add(d.Path);
    }

    /// <summary>After a reload: the lower names of a copied-up inode that no upper name stands for (the lower
    /// inode's link count minus the upper names that are also its lower names; a lower name deleted in the jail
    /// is not known here and still counts).</summary>
    private int CountLowerAliases(VInode inode, LowerIdentity origin)
    {
        if (inode.LowerPath is null || _lower.Lstat(inode.LowerPath, out var st) != Errno.OK || st.Ino != origin.Ino || st.Dev != origin.Dev || st.Nlink < 2)
            return 0;
        var bound = inode.Paths.Count(p => _lower.Lstat(p, out var ps) == Errno.OK && ps.Ino == origin.Ino && ps.Dev == origin.Dev);
        return Math.Max(0, (int)st.Nlink - bound);
    }

    /// <summary>The upper inode at a path, walking upper children only (no lower, no symlinks).</summary>
    private VInode? UpperAt(string path)
    {
        var cur = _root;
        if (path == "/") return cur;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (cur.Children is null || !cur.Children.TryGetValue(name, out var next) || next is null) return null;
            cur = next;
        }
        return cur;
    }

    private Timespec Now() => _options.Clock();

    private bool IsPassThrough(string path)
    {
        foreach (var root in _options.PassThroughRoots)
            if (VirtualPath.IsAtOrBeneath(path, root)) return true;
        return false;
    }

    private ulong AllocateIno()
    {
        var ino = _nextIno++;
        _sink.SetNextIno(_nextIno);
        return ino;
    }

    private void Persist(VInode inode)
    {
        if (inode.Ino == 0 && ReferenceEquals(inode, _root)) inode.Ino = AllocateIno();
        _inodes[inode.Ino] = inode;
        _sink.PutInode(inode.ToRecord());
    }

    /// <summary>Records the journal line for an operation the engine performed.</summary>
    public void Journal(JournalEntry entry)
    {
        lock (_gate) _sink.Journal(entry);
    }

    /// <summary>For idle moments: commits pending index changes that have waited long enough.</summary>
    public void Idle()
    {
        lock (_gate) _sink.FlushIfDue();
    }

    public void Flush()
    {
        lock (_gate) _sink.Flush();
    }

    /// <summary>Every dentry of the upper layer now, for diff and export.</summary>
    public OverlayImage Snapshot()
    {
        lock (_gate)
        {
            var dentries = new List<DentryRecord>();
            if (_inodes.ContainsKey(_root.Ino) && _root.Ino != 0) dentries.Add(new DentryRecord("/", _root.Ino));
            Collect(_root, "/", dentries);
            return new OverlayImage(_inodes.Values.Select(i => i.ToRecord()).ToList(), dentries, _nextIno);
        }
    }

    private static void Collect(VInode dir, string path, List<DentryRecord> into)
    {
        foreach (var (name, child) in dir.Children!)
        {
            var p = VirtualPath.Join(path, name);
            into.Add(new DentryRecord(p, child?.Ino ?? 0));
            if (child?.Children is not null) Collect(child, p, into);
        }
    }
}
