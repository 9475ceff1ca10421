// The model checks of fsck: the index's dentries and inodes against each other and against upper/ and work/.
// Each check records findings and edits a working copy of the model (Dentries, Inodes, NextIno); filesystem
// work is queued, to run before the repair transaction commits (making content the index will reference:
// layout, recreated directories and symlinks, removing a wrongly typed object) or after it (removing what
// the index no longer references: strays under whiteouts, work/ leftovers). That split follows the
// crash-safety rule in SchemaV1, so a crash during repair leaves something the next fsck can finish.
// Without repair the same code runs and the queued work is simply dropped.
using System.Collections.ObjectModel;
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;
using UjailOverlay.State.Layout;

namespace UjailOverlay.State.Checks;

internal sealed class FsckChecks
{
    private readonly string _upperRoot;
    private readonly string _workRoot;
    private readonly IUpperTree? _upper;
    private readonly OverlayImage _original;
    private readonly Dictionary<string, UpperObject> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedBeforeCommit = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, ulong> _adoptedByRealIno = new();

    public FsckChecks(string stateDir, OverlayImage image, IUpperTree? upper)
    {
        _upperRoot = Path.Combine(stateDir, StateLayout.Upper);
        _workRoot = Path.Combine(stateDir, StateLayout.Work);
        _upper = upper;
        _original = image;
        Inodes = image.Inodes.ToDictionary(i => i.Ino);
        Dentries = new SortedDictionary<string, ulong>(image.Dentries.ToDictionary(d => d.Path, d => d.Ino), StringComparer.Ordinal);
        NextIno = image.NextIno;
    }

    public Dictionary<ulong, InodeRecord> Inodes { get; }

    /// <summary>Path to ino (0 = whiteout), sorted so parents come before children.</summary>
    public SortedDictionary<string, ulong> Dentries { get; }

    public ulong NextIno { get; private set; }

    public List<FsckFinding> Findings { get; } = [];

    public List<JournalEntry> Journal { get; } = [];

    public List<Action> BeforeCommit { get; } = [];

    public List<Action> AfterCommit { get; } = [];

    public List<string> Skipped { get; } = [];

    public void RunAll()
    {
        Layout();
        DanglingDentries();
        ParentChains();
        Orphans();
        UpperContent();
        NextInoAboveInodes();
        Strays();
        WorkLeftovers();
        HardLinks();
    }

    private void Layout()
    {
        foreach (var dir in new[] { _upperRoot, _workRoot })
        {
            if (Directory.Exists(dir))
                continue;
            Add(FsckFindingKind.LayoutMissing, Path.GetFileName(dir), FsckAction.Create, "directory is missing");
            BeforeCommit.Add(() => StateLayout.CreateDirectory(dir));
        }
    }

    private void DanglingDentries()
    {
        foreach (var (path, ino) in Dentries.ToList())
        {
            if (ino == 0 || Inodes.ContainsKey(ino))
                continue;
            Add(FsckFindingKind.DanglingDentry, path, FsckAction.DropDentry, $"names inode {ino}, which the index does not have");
            Dentries.Remove(path);
        }
    }

    /// <summary>Every ancestor of a dentry must be neither a whiteout nor a non-directory.</summary>
    private void ParentChains()
    {
        foreach (var (path, _) in Dentries.ToList())
        {
            foreach (var ancestor in Ancestors(path))
            {
                if (!Dentries.TryGetValue(ancestor, out var ino))
                    continue;
                string? why = ino == 0 ? $"is below the whiteout {ancestor}"
                    : Inodes.TryGetValue(ino, out var parent) && parent.Type != NodeType.Directory ? $"is below {ancestor}, a {parent.Type}"
                    : null;
                if (why is null)
                    continue;
                Add(FsckFindingKind.ParentChainBroken, path, FsckAction.DropDentry, why);
                Dentries.Remove(path);
                break;
            }
        }
    }

    private void Orphans()
    {
        var named = _original.Dentries.Where(d => d.Ino != 0).Select(d => d.Ino).ToHashSet();
        foreach (var ino in Inodes.Keys.Where(i => !named.Contains(i)).ToList())
        {
            Add(FsckFindingKind.OrphanInode, $"#{ino}", FsckAction.DropInode, "no dentry names this inode");
            Inodes.Remove(ino);
        }
    }

    /// <summary>An inode whose content lives in upper/ must have an object of its type at each of its paths.</summary>
    private void UpperContent()
    {
        foreach (var (path, ino) in Dentries.ToList())
        {
            if (ino == 0 || !Inodes.TryGetValue(ino, out var inode) || !inode.DataInUpper)
                continue;
            var rel = Rel(path);
            var found = UpperObject.Stat(_upperRoot, rel, _upper);
            if (found is not null && SameType(inode.Type, found))
                continue;

            var full = Full(rel);
            var kind = FsckFindingKind.MissingUpperContent;
            var detail = "nothing in upper/";
            if (found is not null)
            {
                kind = FsckFindingKind.TypeMismatch;
                detail = $"index says {inode.Type}, upper/ has {found.Type}";
                _removedBeforeCommit.Add(rel);
                BeforeCommit.Add(() => RemoveTree(full));
            }
            Add(kind, path, Resolve(path, inode, full), detail);
        }
    }

    /// <summary>What repair does about an inode whose upper object is gone; edits the model accordingly.</summary>
    private FsckAction Resolve(string path, InodeRecord inode, string full)
    {
        if (inode.Type == NodeType.Directory)
        {
            BeforeCommit.Add(() => StateLayout.CreateDirectory(full));
            return FsckAction.Recreate;
        }
        if (inode.Type == NodeType.Symlink && inode.SymlinkTarget is { } target)
        {
            BeforeCommit.Add(() =>
            {
                StateLayout.CreateDirectory(Path.GetDirectoryName(full)!);
                File.CreateSymbolicLink(full, target);
            });
            return FsckAction.Recreate;
        }
        if (inode.LowerPath == path)
        {
            // A copy-up still in its place: without the upper copy the lower file shows again.
            Dentries.Remove(path);
            return FsckAction.DropDentry;
        }
        // Created here, or moved here from elsewhere: nothing else can stand in, so the name goes.
        Dentries[path] = 0;
        Journal.Add(new JournalEntry(DateTimeOffset.UtcNow, Environment.ProcessId, "ujail-fsck", null,
            "fsck-lost", path, null, -(int)Errno.EIO));
        return FsckAction.Whiteout;
    }

    private void NextInoAboveInodes()
    {
        var highest = Inodes.Keys.Where(i => i >= OverlayImage.FirstUpperIno).DefaultIfEmpty(0UL).Max();
        if (highest == 0 || NextIno > highest)
            return;
        Add(FsckFindingKind.NextInoBehind, "", FsckAction.SetNextIno, $"next_ino {NextIno} is not above inode {highest}");
        NextIno = highest + 1;
    }

    private void Strays()
    {
        if (!Directory.Exists(_upperRoot))
            return;
        var live = Dentries.Where(d => d.Value != 0).Select(d => d.Key).ToList();
        var parentsOfLive = live.SelectMany(Ancestors).ToHashSet(StringComparer.Ordinal);
        WalkStrays(new DirectoryInfo(_upperRoot), "", parentsOfLive);
    }

    private void WalkStrays(DirectoryInfo dir, string rel, HashSet<string> parentsOfLive)
    {
        foreach (var child in dir.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var childRel = rel.Length == 0 ? child.Name : rel + "/" + child.Name;
            if (_removedBeforeCommit.Contains(childRel))
                continue;
            var found = UpperObject.From(child, childRel, _upper);
            if (found is null)
                continue;
            _seen[childRel] = found;
            var path = "/" + childRel;
            var isDir = UpperWalker.IsRealDirectory(child);

            if (Dentries.TryGetValue(path, out var ino) && ino != 0)
            {
                if (isDir)
                    WalkStrays((DirectoryInfo)child, childRel, parentsOfLive);
                continue;
            }
            if (UnderWhiteout(path) is { } whiteout)
            {
                Add(FsckFindingKind.StrayUpper, path, FsckAction.Remove, $"not in the index, and hidden by the whiteout {whiteout}");
                var full = child.FullName;
                AfterCommit.Add(() => RemoveTree(full));
                continue;
            }
            if (isDir && parentsOfLive.Contains(path))
            {
                // Holds indexed entries: upper/ needs it as their parent, whatever the index says about it.
                WalkStrays((DirectoryInfo)child, childRel, parentsOfLive);
                continue;
            }
            Add(FsckFindingKind.StrayUpper, path, FsckAction.Adopt, $"a {found.Type} the index does not know");
            Adopt(path, found);
            if (isDir)
                WalkStrays((DirectoryInfo)child, childRel, parentsOfLive);
        }
    }

    private void Adopt(string path, UpperObject found)
    {
        // Hard links among strays (known only with lstat) become one inode with several names.
        if (found is { Ino: { } realIno, Nlink: > 1 } && _adoptedByRealIno.TryGetValue(realIno, out var linked))
        {
            Dentries[path] = linked;
            return;
        }
        var ino = NextIno++;
        Inodes[ino] = new InodeRecord(ino, found.Type, found.Perm, found.Uid, found.Gid, found.Rdev,
            found.Atime, found.Mtime, found.Ctime, DataInUpper: true, LowerPath: null, Origin: null,
            SymlinkTarget: found.Class == UpperClass.Symlink ? found.LinkTarget : null, Opaque: false, Redirect: null,
            Xattrs: ReadOnlyDictionary<string, byte[]>.Empty);
        Dentries[path] = ino;
        if (found is { Ino: { } real, Nlink: > 1 })
            _adoptedByRealIno[real] = ino;
    }

    private void WorkLeftovers()
    {
        if (!Directory.Exists(_workRoot))
            return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(_workRoot).Order(StringComparer.Ordinal))
        {
            Add(FsckFindingKind.WorkLeftover, StateLayout.Work + "/" + Path.GetFileName(entry), FsckAction.Remove,
                "left in work/ by a writer that stopped");
            AfterCommit.Add(() => RemoveTree(entry));
        }
    }

    /// <summary>Upper files that are one file must be one inode in the index, and the other way round.</summary>
    private void HardLinks()
    {
        if (_upper is null)
        {
            Skipped.Add("hard links: link counts and inode numbers need lstat(2); pass an IUpperTree to Fsck.Run");
            return;
        }
        var others = _seen.Where(s => s.Value.Class == UpperClass.Other && s.Value.Ino is not null).ToList();
        foreach (var group in others.GroupBy(s => s.Value.Ino!.Value))
        {
            var paths = group.Select(g => "/" + g.Key).ToList();
            var inos = paths.Select(p => Dentries.GetValueOrDefault(p)).Distinct().ToList();
            var nlink = group.First().Value.Nlink ?? 1;
            if (paths.Count > 1 && inos.Count > 1)
            {
                Add(FsckFindingKind.HardLinkMismatch, paths[0], FsckAction.None,
                    $"one upper file with names {string.Join(", ", paths)}, but {inos.Count} inodes in the index");
            }
            if (nlink > paths.Count)
            {
                Add(FsckFindingKind.HardLinkMismatch, paths[0], FsckAction.None,
                    $"has {nlink} links but only {paths.Count} inside upper/");
            }
        }
        var realInoOf = others.ToDictionary(s => "/" + s.Key, s => s.Value.Ino!.Value, StringComparer.Ordinal);
        foreach (var names in Dentries.Where(d => d.Value != 0).GroupBy(d => d.Value))
        {
            var paths = names.Select(n => n.Key).Where(realInoOf.ContainsKey).ToList();
            if (paths.Count > 1 && paths.Select(p => realInoOf[p]).Distinct().Count() > 1)
            {
                Add(FsckFindingKind.HardLinkMismatch, paths[0], FsckAction.None,
                    $"the index links {string.Join(", ", paths)}, but upper/ has separate files");
            }
        }
    }

    private string? UnderWhiteout(string path) =>
        new[] { path }.Concat(Ancestors(path)).FirstOrDefault(p => Dentries.TryGetValue(p, out var ino) && ino == 0);

    private static bool SameType(NodeType indexed, UpperObject found) =>
        found.Ino is null
            ? UpperObject.ClassOf(indexed) == found.Class // System.IO: only directory / symlink / other
            : indexed == found.Type;

    private void Add(FsckFindingKind kind, string path, FsckAction action, string detail) =>
        Findings.Add(new FsckFinding(kind, path, action, detail));

    private string Full(string rel) => rel.Length == 0 ? _upperRoot : Path.Combine(_upperRoot, rel);

    internal static string Rel(string path) => path.TrimStart('/');

    /// <summary>"/a/b/c" gives "/a/b", "/a", "/".</summary>
    internal static IEnumerable<string> Ancestors(string path)
    {
        var end = path.LastIndexOf('/');
        while (end > 0)
        {
            var parent = path[..end];
            yield return parent;
            end = parent.LastIndexOf('/');
        }
        if (path != "/")
            yield return "/";
    }

    /// <summary>Removes path and, for a real directory, everything beneath it; a symlink is removed, not followed.</summary>
    internal static void RemoveTree(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is not null || File.Exists(full))
        {
            File.Delete(full);
            return;
        }
        if (!Directory.Exists(full))
            return;
        foreach (var child in Directory.EnumerateFileSystemEntries(full).ToList())
            RemoveTree(child);
        Directory.Delete(full);
    }
}
