// A fingerprint of a host tree with everything the jail must never change: per path its type, full mode,
// owner, size, mtime, ctime, nlink, inode number, symlink target, SHA-256 of the content and the extended
// attributes. Taken with stat(1)-free managed code plus `getfattr`-free xattr reads through /proc: two
// fingerprints are compared line by line and the first difference is reported.
using System.Security.Cryptography;
using System.Text;

namespace UjailOverlay.Jail.Tests.Kit;

public static class HostFingerprint
{
    public static string Take(string root)
    {
        var sb = new StringBuilder();
        Walk(root, root, sb);
        return sb.ToString();
    }

    private static void Walk(string root, string path, StringBuilder sb)
    {
        var st = StatLine(path);
        sb.Append(Path.GetRelativePath(root, path)).Append(' ').Append(st).Append('\n');
        var info = new FileInfo(path);
        if (info.LinkTarget is null && System.IO.Directory.Exists(path))
            foreach (var child in System.IO.Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
                Walk(root, child, sb);
    }

    /// <summary>stat -c with every field that matters, plus content hash and xattrs.</summary>
    private static string StatLine(string path)
    {
        var r = Sh.Run("stat", "-c", "%F|%f|%u|%g|%s|%Y.%y|%Z.%z|%h|%i|%N", path);
        var line = r.Stdout.Trim();
        var info = new FileInfo(path);
        // Only regular files are read (opening a FIFO would block, a device has no content to compare).
        if (line.StartsWith("regular", StringComparison.Ordinal))
        {
            try
            {
                using var s = File.OpenRead(path);
                line += "|" + Convert.ToHexString(SHA256.HashData(s));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { line += "|unreadable"; }
        }
        var x = Sh.Run("getfattr", "-h", "-d", "-m", "-", "--absolute-names", "-e", "hex", path);
        if (x.ExitCode == 0) line += "|" + string.Join(",", x.Stdout.Split('\n').Where(l => l.Contains('=')));
        return line;
    }

    /// <summary>Null when equal, else the first differing line of each.</summary>
    public static string? Difference(string before, string after)
    {
        if (before == after) return null;
        var a = before.Split('\n');
        var b = after.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<none>";
            var y = i < b.Length ? b[i] : "<none>";
            if (x != y) return $"before: {x}\nafter:  {y}";
        }
        return "differs";
    }
}
