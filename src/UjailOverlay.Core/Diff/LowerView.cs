// A memoising, tree-faithful view of the lower layer for one diff. Lookups are made component by component: a
// path exists only if every ancestor is a directory here, so a host symlink or file in the middle of a path never
// lets ILowerLayer resolve through it (the diff compares trees, not what path resolution would reach).
// Errors other than "not there" (EACCES, EIO) also read as absent: the diff reports what it can see.
using System.Security.Cryptography;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Diff;

internal sealed class LowerView(ILowerLayer lower)
{
    private readonly Dictionary<string, NodeStat?> _stats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _hashes = new(StringComparer.Ordinal);

    public ILowerLayer Layer => lower;

    public NodeStat? Stat(string path)
    {
        if (_stats.TryGetValue(path, out var cached)) return cached;
        NodeStat? result = null;
        var parentIsDir = path == "/" || Stat(DiffPaths.Parent(path)) is { IsDirectory: true };
        if (parentIsDir && lower.Lstat(path, out var stat) == Errno.OK) result = stat;
        _stats[path] = result;
        return result;
    }

    /// <summary>Names in a lower directory; empty when it is not one (or cannot be read).</summary>
    public IReadOnlyList<string> ChildNames(string path)
    {
        if (Stat(path) is not { IsDirectory: true }) return Array.Empty<string>();
        return lower.ListDirectory(path, out var entries) == Errno.OK
            ? entries.Select(e => e.Name).Where(n => n is not ("." or "..")).ToArray()
            : Array.Empty<string>();
    }

    public string? ReadLink(string path) => lower.ReadLink(path, out var target) == Errno.OK ? target : null;

    /// <summary>All extended attributes; an empty set when the filesystem has none or does not support them.</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs(string path)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (lower.ListXattrs(path, out var names) != Errno.OK) return result;
        foreach (var name in names)
            if (lower.GetXattr(path, name, out var value) == Errno.OK) result[name] = value;
        return result;
    }

    /// <summary>SHA-256 (lower-case hex) of a lower file's content, or null when it cannot be read.</summary>
    public string? Sha256(string path)
    {
        if (_hashes.TryGetValue(path, out var cached)) return cached;
        string? hash = null;
        if (lower.OpenRead(path, out var stream) == Errno.OK)
            using (stream) hash = ContentHash.Of(stream);
        _hashes[path] = hash;
        return hash;
    }
}

internal static class ContentHash
{
    public static string Of(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
