// The tree walk behind StateDiff.Compute: visits a path with what the host and the merged view hold there, emits
// at most one Change for it, and decides where to descend (see StateDiff for the rules).
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Diff;

internal sealed class DiffWalker
{
    private readonly ImageIndex _image;
    private readonly LowerView _lower;
    private readonly IUpperTree _upper;
    private readonly DiffOptions _options;
    private readonly PathScope _scope;
    private readonly ContentComparison _content;
    private readonly MetadataComparison _metadata;

    public DiffWalker(OverlayImage image, ILowerLayer lower, IUpperTree upper, DiffOptions options)
    {
        _image = new ImageIndex(image);
        _lower = new LowerView(lower);
        _upper = upper;
        _options = options;
        _scope = new PathScope(options.Paths);
        _content = new ContentComparison(_lower, upper);
        _metadata = new MetadataComparison(_lower, options);
    }

    public List<Change> Changes { get; } = new();

    public void Run()
    {
        if (_image.Dentry("/") is { } dentry && _image.InodeOf(dentry) is { } inode)
            Visit("/", MergedNode.Upper("/", inode, "/"));
        else if (_lower.Stat("/") is { } stat)
            Visit("/", MergedNode.Lower("/", "/", stat));
        else
            // A lower layer without even a root: everything in the image is added.
            VisitChildren("/", null, imageOnly: true);
    }

    private void Visit(string path, MergedNode? merged)
    {
        if (!_scope.NeedsVisit(path)) return;
        var host = _lower.Stat(path);
        if (merged is null)
        {
            if (host is not null) ReportDeleted(path, host);
            else if (_image.Dentry(path) is { IsWhiteout: true }) EmitNoop(path, null);
            return;
        }
        if (host is null)
        {
            Emit(NodeFacts.Describe(path, ChangeKind.Added, null, NodeFacts.FromMerged(_lower, _upper, merged), Array.Empty<string>()));
            if (merged.IsDirectory) VisitChildren(path, merged, imageOnly: false);
            return;
        }
        if (merged.IsHostItself)
        {
            if (merged.IsDirectory) VisitChildren(path, merged, imageOnly: true);
            return;
        }

        Compare(path, host, merged);
        if (merged.IsDirectory)
            // Beneath a directory merged from the host directory at this very path, only image entries differ.
            VisitChildren(path, merged, imageOnly: host.IsDirectory && merged.MergeSource == path);
        else if (host.IsDirectory)
            DeleteHostChildren(path);
    }

    private void Compare(string path, NodeStat host, MergedNode merged)
    {
        var old = NodeFacts.FromHost(_lower, path, host);
        var @new = NodeFacts.FromMerged(_lower, _upper, merged);
        if (old.Type != @new.Type)
        {
            Emit(NodeFacts.Describe(path, ChangeKind.TypeChanged, old, @new, new[] { ChangeFields.Type }));
            return;
        }

        var fields = new List<string>();
        var kind = ChangeKind.MetadataOnly;
        var drifted = false;
        if (old.Type == NodeType.Regular)
        {
            var verdict = _content.Compare(path, host, merged, @new.Size);
            drifted = verdict.Drifted;
            if (verdict.Differs) { fields.Add(ChangeFields.Content); kind = ChangeKind.Modified; }
        }
        else if (old.Type == NodeType.Symlink && !string.Equals(old.Target, @new.Target, StringComparison.Ordinal))
        {
            fields.Add(ChangeFields.Target);
            kind = ChangeKind.Retargeted;
        }
        _metadata.AddFields(fields, path, old, @new, merged);

        if (fields.Count > 0) Emit(NodeFacts.Describe(path, kind, old, @new, fields, drifted));
        else if (_image.Dentry(path) is not null) EmitNoop(path, (old, @new));
    }

    /// <param name="imageOnly">Visit only the image's entries: every other name is the host's own object.</param>
    private void VisitChildren(string path, MergedNode? merged, bool imageOnly)
    {
        var names = new SortedSet<string>(_image.ChildNames(path), StringComparer.Ordinal);
        if (!imageOnly)
        {
            names.UnionWith(_lower.ChildNames(path));
            if (merged?.MergeSource is { } source) names.UnionWith(_lower.ChildNames(source));
        }
        foreach (var name in names)
        {
            var child = DiffPaths.Combine(path, name);
            if (_scope.NeedsVisit(child)) Visit(child, MergedChild(child, name, merged));
        }
    }

    /// <summary>What the merged view holds at child, the entry name of parent's directory.</summary>
    private MergedNode? MergedChild(string child, string name, MergedNode? parent)
    {
        if (_image.Dentry(child) is { } dentry)
        {
            if (dentry.IsWhiteout) return null;
            if (_image.InodeOf(dentry) is { } inode) return MergedNode.Upper(child, inode, parent?.MergeSource);
        }
        if (parent?.MergeSource is not { } source) return null;
        var lowerPath = DiffPaths.Combine(source, name);
        return _lower.Stat(lowerPath) is { } stat ? MergedNode.Lower(child, lowerPath, stat) : null;
    }

    private void ReportDeleted(string path, NodeStat host)
    {
        Emit(NodeFacts.Describe(path, ChangeKind.Deleted, NodeFacts.FromHost(_lower, path, host), null, Array.Empty<string>()));
        if (host.IsDirectory) DeleteHostChildren(path);
    }

    /// <summary>Host entries beneath a directory the merged view no longer has: listed with Expand, or along a
    /// path filter that points inside it; otherwise the directory's own line stands for them.</summary>
    private void DeleteHostChildren(string path)
    {
        if (!_options.Expand && !_scope.IsStrictAncestorOfFilter(path)) return;
        foreach (var name in _lower.ChildNames(path))
        {
            var child = DiffPaths.Combine(path, name);
            if (_scope.NeedsVisit(child) && _lower.Stat(child) is { } stat) ReportDeleted(child, stat);
        }
    }

    private void EmitNoop(string path, (NodeFacts Old, NodeFacts New)? sides)
    {
        if (!_options.IncludeNoops) return;
        Emit(NodeFacts.Describe(path, ChangeKind.Noop, sides?.Old, sides?.New, Array.Empty<string>()));
    }

    private void Emit(Change change)
    {
        if (_scope.Includes(change.Path)) Changes.Add(change);
    }
}
