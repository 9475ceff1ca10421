// The DiffOptions.Paths filter: which paths are reported, and which must be walked to reach them.
namespace UjailOverlay.Core.Diff;

internal sealed class PathScope(IReadOnlyList<string> filters)
{
    private readonly string[] _filters = filters.Select(DiffPaths.Normalize).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A change at path is reported.</summary>
    public bool Includes(string path) =>
        _filters.Length == 0 || _filters.Any(f => DiffPaths.IsAtOrBeneath(path, f));

    /// <summary>path is reported, or lies on the way down to a filter.</summary>
    public bool NeedsVisit(string path) => Includes(path) || IsStrictAncestorOfFilter(path);

    public bool IsStrictAncestorOfFilter(string path) =>
        _filters.Any(f => f != path && DiffPaths.IsAtOrBeneath(f, path));
}
