// Path resolution in the merged view, as fs/namei.c does it: components walked one by one with search
// permission checked on each directory, symlinks followed in the virtual namespace (at most 40 per lookup,
// ELOOP after), ".." stopping at "/", ENOTDIR for a non-directory in the middle, a trailing slash forcing the
// final component to be (or resolve to) a directory, and ENAMETOOLONG past NAME_MAX or PATH_MAX.
namespace UjailOverlay.Core.Overlay;

public sealed partial class OverlayFs
{
    private const int MaxSymlinks = 40;

    /// <summary>The outcome of a walk: the directory holding the final name, that name, and what it names
    /// (null when nothing does). FinalIsDot: the path ended in "." or "..". HostUnchanged: every name the walk
    /// looked up (symlink targets included) was an unchanged host object outside the pass-through trees, found
    /// through no magic link, so the kernel resolving the same path on the host reaches the same objects.</summary>
    private readonly record struct Walked(Node Parent, string Name, Node? Target, bool TrailingSlash, bool FinalIsDot,
        bool HostUnchanged = false);

    private Node RootNode() => new("/", _root, _root.Opaque ? null : "/", null);

    /// <summary>Resolves every component but the last, then looks the last one up; with <paramref name="followFinal"/>
    /// (or a trailing slash) a final symlink is followed, and its target's parent becomes the result's parent so
    /// that O_CREAT through a dangling symlink creates the target.</summary>
    private Errno Walk(string path, bool followFinal, OpContext ctx, out Walked result) =>
        Walk(path, followFinal, trailingSlashFollows: true, ctx, out result);

    /// <param name="trailingSlashFollows">false for unlink, rmdir and rename, which look the last component up
    /// without following it whatever the slashes (fs/namei.c filename_parentat).</param>
    /// <param name="trackHost">compute Walked.HostUnchanged (a host lstat per merged directory on the way, so only
    /// for the read-only opens that may use it).</param>
    private Errno Walk(string path, bool followFinal, bool trailingSlashFollows, OpContext ctx, out Walked result,
        bool trackHost = false)
    {
        result = default;
        if (path.Length == 0) return Errno.ENOENT;
        if (VirtualPath.ByteLength(path) >= VirtualPath.PathMax) return Errno.ENAMETOOLONG;
        var scope = ctx.Scope;
        if (path[0] != '/' && scope is not { HasFloor: true }) return Errno.EINVAL; // the engine joins relative paths to a base first

        var pending = new Stack<string>();
        PushComponents(pending, path);
        var trailingSlash = path.Length > 1 && path[^1] == '/';
        var ancestors = new Stack<Node>();
        var cur = RootNode();
        var links = 0;
        // Scoped lookups (openat2 RESOLVE_*): the floor is the directory the lookup may not leave; mount
        // crossings are checked once the components of Base are behind (they are canonical, walked already).
        Node? floor = null;
        var uncheckedComponents = 0;
        if (scope is not null)
        {
            if (scope.HasFloor)
            {
                if (path[0] == '/' && (scope.Rules & ResolveRules.Beneath) != 0) return Errno.EXDEV;
                var err = Resolve(scope.Base, true, ctx with { Scope = null }, out var baseNode);
                if (err != Errno.OK) return err;
                if (!baseNode.IsDirectory) return Errno.ENOTDIR;
                floor = cur = baseNode;
            }
            else if (VirtualPath.IsAtOrBeneath(path, scope.Base))
                uncheckedComponents = scope.Base.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        }
        var noXdev = scope is not null && (scope.Rules & ResolveRules.NoXdev) != 0;
        var unchanged = trackHost && floor is null && HostEquivalentDirectory(RootNode());

        while (true)
        {
            if (pending.Count == 0)
            {
                // The path named a directory by "/" alone, or ended in "." / "..".
                var parent = ancestors.Count > 0 ? ancestors.Peek() : cur;
                result = new Walked(parent, ".", cur, trailingSlash, FinalIsDot: true, unchanged);
                return Errno.OK;
            }
            var name = pending.Pop();
            var isLast = pending.Count == 0;
            if (!cur.IsDirectory) return Errno.ENOTDIR;
            var curStat = QuickStat(cur);
            if (!Permissions.May(curStat, AccessMask.Execute, ctx.Who)) return Errno.EACCES;
            if (VirtualPath.ByteLength(name) > VirtualPath.NameMax) return Errno.ENAMETOOLONG;

            if (name == ".")
            {
                if (isLast) { result = new Walked(ancestors.Count > 0 ? ancestors.Peek() : cur, ".", cur, trailingSlash, true, unchanged); return Errno.OK; }
                continue;
            }
            if (name == "..")
            {
                if (uncheckedComponents > 0) uncheckedComponents--;
                if (ancestors.Count > 0)
                {
                    var up = ancestors.Pop();
                    if (noXdev && uncheckedComponents == 0 && CrossesMount(cur, up)) return Errno.EXDEV;
                    cur = up;
                }
                else if (floor is not null && (scope!.Rules & ResolveRules.Beneath) != 0) return Errno.EXDEV;
                if (isLast) { result = new Walked(ancestors.Count > 0 ? ancestors.Peek() : cur, "..", cur, trailingSlash, true, unchanged); return Errno.OK; }
                continue;
            }

            var child = LookupChild(cur, name, through: !isLast);
            if (unchanged && child is { } looked && !(looked.Lower == looked.Path && !IsPassThrough(looked.Path)
                    && (looked.Upper is null || (!isLast && HostEquivalentDirectory(looked)))))
                unchanged = false;
            var fromBase = uncheckedComponents > 0;
            if (fromBase) uncheckedComponents--;
            if (noXdev && !fromBase && child is { } crossed && CrossesMount(cur, crossed)) return Errno.EXDEV;
            if (child is { Type: NodeType.Symlink } link && (!isLast || followFinal || (trailingSlash && trailingSlashFollows)))
            {
                if (++links > MaxSymlinks) return Errno.ELOOP;
                if (scope is not null && (scope.NoSymlinks || (scope.NoMagicLinks && IsMagicLink(link, ctx)))) return Errno.ELOOP;
                if (unchanged && IsMagicLink(link, ctx)) unchanged = false;
                uncheckedComponents = 0; // past a symlink, nothing is the canonical base any more
                var target = ReadLinkOf(link, ctx);
                if (target is null) return Errno.ENOENT;
                if (target.Length == 0) return Errno.ENOENT;
                if (target[0] == '/')
                {
                    if (floor is not null && (scope!.Rules & ResolveRules.Beneath) != 0) return Errno.EXDEV;
                    ancestors.Clear();
                    cur = floor ?? RootNode();
                }
                PushComponents(pending, target);
                if (pending.Count == 0) // target "/" or "/.": the root itself
                {
                    if (!isLast) continue;
                    result = new Walked(cur, ".", cur, trailingSlash, true, unchanged);
                    return Errno.OK;
                }
                continue;
            }
            if (isLast)
            {
                if (trailingSlash && trailingSlashFollows && child is { } c && !c.IsDirectory) return Errno.ENOTDIR;
                result = new Walked(cur, name, child, trailingSlash, false, unchanged);
                return Errno.OK;
            }
            if (child is null) return Errno.ENOENT;
            ancestors.Push(cur);
            cur = child.Value;
        }
    }

    /// <summary>Whether the kernel, walking through this directory on the host, decides what the overlay decides:
    /// a merged directory at its own host path (not opaque, not renamed) whose search-relevant metadata (mode,
    /// owner, group, no access ACL of its own) is the host directory's. A name not in its upper children is looked
    /// up in the host directory by both; a name that is (an entry or a whiteout) makes the walk's next step
    /// changed anyway.</summary>
    private bool HostEquivalentDirectory(Node dir)
    {
        if (dir.Upper is not { IsDirectory: true } u) return dir.Upper is null;
        if (u.Opaque || u.Redirect is not null || dir.Lower != dir.Path) return false;
        if (u.Xattrs is { } x && x.ContainsKey(PosixAcl.AccessName)) return false;
        if (_lower.LstatThrough(dir.Path, out var host) != Errno.OK || host.Type != NodeType.Directory) return false;
        return host.Permissions == (u.Perm & Mode.PermissionBits) && host.Uid == u.Uid && host.Gid == u.Gid;
    }

    /// <summary>A /proc magic link: a host symlink whose target the engine supplies for the caller.</summary>
    private static bool IsMagicLink(Node link, OpContext ctx) => link.Upper is null && link.Lower is { } l && ctx.Magic?.ReadLink(l) is not null;

    /// <summary>Whether stepping between two objects of the host crosses a mount (their devices differ). Upper-only
    /// objects have no host device of their own and never count as a crossing.</summary>
    private bool CrossesMount(Node from, Node to) =>
        from.Lower is not null && to.Lower is not null && QuickStat(from).Dev != QuickStat(to).Dev;

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }

    /// <summary>Resolves a path that must exist.</summary>
    private Errno Resolve(string path, bool follow, OpContext ctx, out Node node)
    {
        node = default;
        var err = Walk(path, follow, ctx, out var w);
        if (err != Errno.OK) return err;
        if (w.Target is not { } t) return Errno.ENOENT;
        node = t;
        return Errno.OK;
    }

    /// <summary>Looks a name up in a directory of the merged view: the upper child wins, a whiteout hides,
    /// otherwise the lower directory merging in (if any) is asked. THROUGH: the walk will descend through the
    /// result (it is not the final component), so the lower layer may answer from its directory cache.</summary>
    private Node? LookupChild(Node dir, string name, bool through = false)
    {
        var path = VirtualPath.Join(dir.Path, name);
        var mergeLower = dir.MergeLower;
        if (dir.Upper?.Children is { } children && children.TryGetValue(name, out var upper))
        {
            if (upper is null) return null;
            string? lower = upper.IsDirectory
                ? (upper.Opaque ? null : upper.Redirect ?? (mergeLower is null ? null : VirtualPath.Join(mergeLower, name)))
                : upper.LowerPath;
            return new Node(path, upper, lower, null);
        }
        if (mergeLower is null) return null;
        var lowerPath = VirtualPath.Join(mergeLower, name);
        if ((through ? _lower.LstatThrough(lowerPath, out var st) : _lower.Lstat(lowerPath, out st)) != Errno.OK) return null;
        // Hard-link aware copy-up: another name of this lower inode was copied up; show that copy here too.
        if (st.Type == NodeType.Regular && st.Nlink > 1 && _byOrigin.TryGetValue((st.Dev, st.Ino), out var alias))
            return new Node(path, alias, lowerPath, st);
        return new Node(path, null, lowerPath, st);
    }

    private string? ReadLinkOf(Node link, OpContext ctx)
    {
        if (link.Upper is { } u) return u.SymlinkTarget;
        if (ctx.Magic?.ReadLink(link.Lower!) is { } magic) return magic;
        return _lower.ReadLink(link.Lower!, out var target) == Errno.OK ? target : null;
    }

    /// <summary>The canonical path a path resolves to (symlinks followed), as realpath(3) would give it.</summary>
    public Errno RealPath(string path, OpContext ctx, out string canonical)
    {
        lock (_gate)
        {
            canonical = "";
            var err = Resolve(path, true, ctx, out var node);
            if (err == Errno.OK) canonical = node.Path;
            return err;
        }
    }
}
