// Absolute virtual path helpers for the diff: normalising user input, joining, parents, the upper-relative form,
// and the report order in which a directory precedes its children.
namespace UjailOverlay.Core.Diff;

public static class DiffPaths
{
    /// <summary>Lexical normalisation: leading "/", no empty or "." segments, ".." pops (never above "/").</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    public static string Combine(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;

    /// <summary>The parent of an absolute path; "/" for "/" itself.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The IUpperTree form of a virtual path: relative, no leading slash, "" for the root.</summary>
    public static string ToUpperRelative(string path) => path.TrimStart('/');

    /// <summary>True when path is ancestor itself or lies beneath it.</summary>
    public static bool IsAtOrBeneath(string path, string ancestor) =>
        ancestor == "/" || path == ancestor ||
        (path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == '/');
}

/// <summary>
/// Ordinal order with '/' below every other character, so "/a", "/a/b", "/a-b" sort a directory before its
/// children and keep a subtree contiguous (plain ordinal would put "/a-b" between "/a" and "/a/b").
/// </summary>
public sealed class DiffPathComparer : IComparer<string>
{
    public static DiffPathComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            if (x[i] == y[i]) continue;
            if (x[i] == '/') return -1;
            if (y[i] == '/') return 1;
            return x[i].CompareTo(y[i]);
        }
        return x.Length.CompareTo(y.Length);
    }
}
