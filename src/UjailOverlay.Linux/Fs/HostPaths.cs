// Lexical path handling for host and virtual paths. With no symlink ever followed (every walk here refuses
// them), lexical "." and ".." removal gives the same object the kernel would reach, so normalising first
// lets prefix checks see one spelling per path.
namespace UjailOverlay.Linux.Fs;

public static class HostPaths
{
    /// <summary>"/a//b/./c/../d" → "/a/b/d". False for a relative path or one containing NUL.</summary>
    public static bool TryNormalizeAbsolute(string path, out string normalized)
    {
        normalized = "/";
        if (path.Length == 0 || path[0] != '/' || path.Contains('\0'))
            return false;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        normalized = "/" + string.Join('/', parts);
        return true;
    }

    /// <summary>A relative path inside a tree: "" or names joined by single slashes, none "." or "..", no
    /// leading or trailing slash, no NUL. Anything else is refused (EINVAL), not repaired.</summary>
    public static bool IsCleanRelative(string rel)
    {
        if (rel.Length == 0)
            return true;
        if (rel.Contains('\0'))
            return false;
        foreach (var part in rel.Split('/'))
            if (part.Length == 0 || part == "." || part == "..")
                return false;
        return true;
    }

    /// <summary>Splits "a/b/c" into ("a/b", "c") and "c" into ("", "c").</summary>
    public static (string Parent, string Name) SplitLast(string rel)
    {
        int slash = rel.LastIndexOf('/');
        return slash < 0 ? ("", rel) : (rel[..slash], rel[(slash + 1)..]);
    }

    /// <summary>True when path is prefix itself or lies beneath it (both normalized absolute paths).</summary>
    public static bool IsAtOrBeneath(string path, string prefix) =>
        prefix == "/" || path == prefix || (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/');
}
