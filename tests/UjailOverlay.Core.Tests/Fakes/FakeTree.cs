// An in-memory file tree keyed by absolute path ("/", "/etc", "/etc/passwd") with the errno behaviour of the
// Linux calls the fakes stand in for: ENOENT for a missing component, ENOTDIR for a non-directory in the middle,
// EEXIST, ENOTEMPTY, EISDIR, EXDEV-free rename. Intermediate symlinks are never followed: lookups are literal.
// A logical clock gives each change a distinct, increasing time so mtime/ctime comparisons are deterministic.
namespace UjailOverlay.Core.Tests.Fakes;

public sealed class FakeTree
{
    /// <summary>Times start here (2023-11-14T22:13:20Z) and advance one second per change.</summary>
    public const long EpochSeconds = 1_700_000_000;

    private readonly Dictionary<string, FakeNode> _nodes = new(StringComparer.Ordinal);
    private ulong _nextIno;
    private long _clock;

    public FakeTree(ulong dev, ulong firstIno = 2)
    {
        Dev = dev;
        _nextIno = firstIno;
        _nodes["/"] = new FakeNode(NodeType.Directory, 0x1ED, dev, _nextIno++, Tick()); // 0755
    }

    public ulong Dev { get; }

    public IEnumerable<string> Paths => _nodes.Keys;

    public Timespec Tick() => new(EpochSeconds + _clock++, 0);

    public static string Normalize(string path) => "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));

    public static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Join(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;

    /// <summary>Looks a path up component by component, as path resolution without symlink following does.</summary>
    public Errno Lookup(string path, out FakeNode node)
    {
        path = Normalize(path);
        node = _nodes["/"];
        if (path == "/") return Errno.OK;
        var current = "/";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node.Type != NodeType.Directory) return Errno.ENOTDIR;
            current = Join(current, part);
            if (!_nodes.TryGetValue(current, out node!)) return Errno.ENOENT;
        }
        return Errno.OK;
    }

    public FakeNode? Find(string path) => Lookup(path, out var node) == Errno.OK ? node : null;

    public FakeNode Get(string path) => Find(path) ?? throw new InvalidOperationException($"no fake node at {path}");

    /// <summary>Names directly beneath a directory, sorted ordinally.</summary>
    public Errno List(string path, out IReadOnlyList<(string Name, FakeNode Node)> entries)
    {
        entries = Array.Empty<(string, FakeNode)>();
        var error = Lookup(path, out var dir);
        if (error != Errno.OK) return error;
        if (dir.Type != NodeType.Directory) return Errno.ENOTDIR;
        path = Normalize(path);
        entries = _nodes.Where(kv => kv.Key != "/" && ParentOf(kv.Key) == path)
            .Select(kv => (NameOf(kv.Key), kv.Value))
            .OrderBy(e => e.Item1, StringComparer.Ordinal)
            .ToArray();
        return Errno.OK;
    }

    public FakeNode NewNode(NodeType type, uint perm) => new(type, perm, Dev, _nextIno++, Tick());

    /// <summary>Binds a node at a path whose parent directory exists; EEXIST if the name is taken.</summary>
    public Errno Add(string path, FakeNode node)
    {
        path = Normalize(path);
        if (path == "/") return Errno.EEXIST;
        var error = Lookup(ParentOf(path), out var parent);
        if (error != Errno.OK) return error;
        if (parent.Type != NodeType.Directory) return Errno.ENOTDIR;
        if (_nodes.ContainsKey(path)) return Errno.EEXIST;
        _nodes[path] = node;
        Touch(parent);
        return Errno.OK;
    }

    /// <summary>Creates every missing directory on the way to path (mkdir -p), owned by root, mode 0755.</summary>
    public void EnsureDirectories(string path)
    {
        var current = "/";
        foreach (var part in Normalize(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Join(current, part);
            if (!_nodes.ContainsKey(current)) Add(current, NewNode(NodeType.Directory, 0x1ED));
        }
    }

    /// <summary>Removes one name (unlink or rmdir semantics chosen by the caller).</summary>
    public Errno Remove(string path, bool directory)
    {
        path = Normalize(path);
        var error = Lookup(path, out var node);
        if (error != Errno.OK) return error;
        if (path == "/") return Errno.EBUSY;
        if (directory && node.Type != NodeType.Directory) return Errno.ENOTDIR;
        if (!directory && node.Type == NodeType.Directory) return Errno.EISDIR;
        if (directory && HasChildren(path)) return Errno.ENOTEMPTY;
        _nodes.Remove(path);
        node.Nlink--;
        Touch(_nodes[ParentOf(path)]);
        return Errno.OK;
    }

    /// <summary>Removes path and everything beneath it; ENOENT when absent.</summary>
    public Errno RemoveTree(string path)
    {
        path = Normalize(path);
        if (path == "/") return Errno.EBUSY;
        var error = Lookup(path, out _);
        if (error != Errno.OK) return error;
        foreach (var key in Beneath(path).ToArray()) _nodes.Remove(key);
        _nodes.Remove(path);
        Touch(_nodes[ParentOf(path)]);
        return Errno.OK;
    }

    /// <summary>rename(2) with the renameat2 flags NOREPLACE and EXCHANGE; subtrees move with a directory.</summary>
    public Errno Rename(string from, string to, bool noReplace, bool exchange)
    {
        from = Normalize(from);
        to = Normalize(to);
        var error = Lookup(from, out var source);
        if (error != Errno.OK) return error;
        if (from == "/" || to == "/") return Errno.EBUSY;
        if (from == to) return Errno.OK;
        if (IsBeneath(to, from) || (exchange && IsBeneath(from, to))) return Errno.EINVAL;
        error = Lookup(ParentOf(to), out var toParent);
        if (error != Errno.OK) return error;
        if (toParent.Type != NodeType.Directory) return Errno.ENOTDIR;
        var targetExists = _nodes.TryGetValue(to, out var target);

        if (exchange)
        {
            if (!targetExists) return Errno.ENOENT;
            var fromSubtree = Detach(from);
            var toSubtree = Detach(to);
            Attach(to, fromSubtree, from);
            Attach(from, toSubtree, to);
            return Errno.OK;
        }
        if (targetExists)
        {
            if (noReplace) return Errno.EEXIST;
            if (source.Type == NodeType.Directory && target!.Type != NodeType.Directory) return Errno.ENOTDIR;
            if (source.Type != NodeType.Directory && target!.Type == NodeType.Directory) return Errno.EISDIR;
            if (target!.Type == NodeType.Directory && HasChildren(to)) return Errno.ENOTEMPTY;
            _nodes.Remove(to);
            target.Nlink--;
        }
        Attach(to, Detach(from), from);
        Touch(toParent);
        return Errno.OK;
    }

    public void Touch(FakeNode node) => node.Mtime = node.Ctime = Tick();

    public void Changed(FakeNode node) => node.Ctime = Tick();

    private bool HasChildren(string path) => Beneath(path).Any();

    private IEnumerable<string> Beneath(string path)
    {
        var prefix = path == "/" ? "/" : path + "/";
        return _nodes.Keys.Where(k => k != "/" && k.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static bool IsBeneath(string path, string ancestor) =>
        path.StartsWith(ancestor == "/" ? "/" : ancestor + "/", StringComparison.Ordinal);

    private List<(string Key, FakeNode Node)> Detach(string path)
    {
        var keys = Beneath(path).Prepend(path).ToList();
        var moved = keys.Select(k => (k, _nodes[k])).ToList();
        foreach (var k in keys) _nodes.Remove(k);
        return moved;
    }

    private void Attach(string to, List<(string Key, FakeNode Node)> moved, string from)
    {
        foreach (var (key, node) in moved) _nodes[to + key[from.Length..]] = node;
    }
}
