// An in-memory ILowerLayer: the host as a dictionary of path → object, built with Add* calls (parents are made
// as root-owned 0755 directories) and changed afterwards with the Host* calls to simulate the host drifting under
// a state. Hidden paths behave as absent, like HostLowerLayer hides the state directory. Counts reads so a test
// can check that the host was, or was not, read.
using System.Security.Cryptography;
using System.Text;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Tests.Fakes;

public sealed class FakeLowerLayer : ILowerLayer
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Errno> _openFailures = new(StringComparer.Ordinal);

    /// <param name="dev">st_dev of every object (a host disk is usually 0x801, /dev/sda1).</param>
    public FakeLowerLayer(ulong dev = 0x801) => Tree = new FakeTree(dev);

    public FakeTree Tree { get; }

    /// <summary>How many times OpenRead succeeded, per path.</summary>
    public Dictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

    // ---- building the host -------------------------------------------------------------------------------

    public FakeLowerLayer AddDirectory(string path, uint perm = 0x1ED, uint uid = 0, uint gid = 0) =>
        Add(path, NodeType.Directory, perm, uid, gid, _ => { });

    public FakeLowerLayer AddFile(string path, string content, uint perm = 0x1A4, uint uid = 0, uint gid = 0) =>
        AddFile(path, Encoding.UTF8.GetBytes(content), perm, uid, gid);

    public FakeLowerLayer AddFile(string path, byte[] content, uint perm = 0x1A4, uint uid = 0, uint gid = 0) =>
        Add(path, NodeType.Regular, perm, uid, gid, n => n.Content = content);

    public FakeLowerLayer AddSymlink(string path, string target, uint uid = 0, uint gid = 0) =>
        Add(path, NodeType.Symlink, 0x1FF, uid, gid, n => n.Target = target);

    public FakeLowerLayer AddFifo(string path, uint perm = 0x1A4, uint uid = 0, uint gid = 0) =>
        Add(path, NodeType.Fifo, perm, uid, gid, _ => { });

    public FakeLowerLayer AddDevice(string path, NodeType type, ulong rdev, uint perm = 0x1B6, uint uid = 0, uint gid = 0) =>
        Add(path, type, perm, uid, gid, n => n.Rdev = rdev);

    public FakeLowerLayer SetXattr(string path, string name, string value)
    {
        Tree.Get(path).Xattrs[name] = Encoding.UTF8.GetBytes(value);
        return this;
    }

    /// <summary>Makes path and everything beneath it invisible (ENOENT), as HostLowerLayer's hiddenPaths do.</summary>
    public FakeLowerLayer Hide(string path)
    {
        _hidden.Add(FakeTree.Normalize(path));
        return this;
    }

    /// <summary>Makes OpenRead of path fail with error (EACCES, EIO) while lstat still works.</summary>
    public FakeLowerLayer FailOpen(string path, Errno error)
    {
        _openFailures[FakeTree.Normalize(path)] = error;
        return this;
    }

    // ---- the host changing afterwards -------------------------------------------------------------------

    /// <summary>Rewrites a file in place: new content, new mtime and ctime, same inode.</summary>
    public void HostWrite(string path, string content)
    {
        var node = Tree.Get(path);
        node.Content = Encoding.UTF8.GetBytes(content);
        Tree.Touch(node);
    }

    /// <summary>Changes only the times, as touch(1) does: content unchanged, identity not.</summary>
    public void HostTouch(string path) => Tree.Touch(Tree.Get(path));

    public void HostChmod(string path, uint perm)
    {
        var node = Tree.Get(path);
        node.Perm = perm;
        Tree.Changed(node);
    }

    public void HostRemove(string path) => Tree.RemoveTree(path);

    // ---- reading helpers for tests -----------------------------------------------------------------------

    public NodeStat Stat(string path) => Tree.Get(path).ToStat();

    public byte[] ContentOf(string path) => Tree.Get(path).Content;

    public string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(ContentOf(path)));

    // ---- ILowerLayer -------------------------------------------------------------------------------------

    public Errno Lstat(string path, out NodeStat stat)
    {
        stat = null!;
        var error = Find(path, out var node);
        if (error == Errno.OK) stat = node.ToStat();
        return error;
    }

    public Errno ReadLink(string path, out string target)
    {
        target = "";
        var error = Find(path, out var node);
        if (error != Errno.OK) return error;
        if (node.Type != NodeType.Symlink) return Errno.EINVAL;
        target = node.Target!;
        return Errno.OK;
    }

    public Errno ListDirectory(string path, out IReadOnlyList<DirEntry> entries)
    {
        entries = Array.Empty<DirEntry>();
        var error = Find(path, out _);
        if (error != Errno.OK) return error;
        error = Tree.List(path, out var children);
        if (error != Errno.OK) return error;
        entries = children.Where(c => !IsHidden(FakeTree.Join(FakeTree.Normalize(path), c.Name)))
            .Select(c => new DirEntry(c.Name, c.Node.Ino, c.Node.Type)).ToArray();
        return Errno.OK;
    }

    public Errno ListXattrs(string path, out IReadOnlyList<string> names)
    {
        names = Array.Empty<string>();
        var error = Find(path, out var node);
        if (error == Errno.OK) names = node.Xattrs.Keys.Order(StringComparer.Ordinal).ToArray();
        return error;
    }

    public Errno GetXattr(string path, string name, out byte[] value)
    {
        value = Array.Empty<byte>();
        var error = Find(path, out var node);
        if (error != Errno.OK) return error;
        if (!node.Xattrs.TryGetValue(name, out var found)) return Errno.ENODATA;
        value = found.ToArray();
        return Errno.OK;
    }

    public Errno OpenRead(string path, out Stream stream)
    {
        stream = Stream.Null;
        var error = Find(path, out var node);
        if (error != Errno.OK) return error;
        if (_openFailures.TryGetValue(FakeTree.Normalize(path), out var failure)) return failure;
        if (node.Type == NodeType.Directory) return Errno.EISDIR;
        var key = FakeTree.Normalize(path);
        Reads[key] = Reads.GetValueOrDefault(key) + 1;
        stream = new MemoryStream(node.Content, writable: false);
        return Errno.OK;
    }

    private FakeLowerLayer Add(string path, NodeType type, uint perm, uint uid, uint gid, Action<FakeNode> init)
    {
        Tree.EnsureDirectories(FakeTree.ParentOf(FakeTree.Normalize(path)));
        var node = Tree.NewNode(type, perm);
        node.Uid = uid;
        node.Gid = gid;
        init(node);
        var error = Tree.Add(path, node);
        if (error != Errno.OK) throw new InvalidOperationException($"cannot add {path}: {error}");
        return this;
    }

    private Errno Find(string path, out FakeNode node)
    {
        if (IsHidden(FakeTree.Normalize(path))) { node = null!; return Errno.ENOENT; }
        return Tree.Lookup(path, out node);
    }

    private bool IsHidden(string path) =>
        _hidden.Any(h => path == h || path.StartsWith(h + "/", StringComparison.Ordinal));
}
