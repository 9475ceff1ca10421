// Everything observable about a tree that "must not be modified" covers: every entry's name, type, mode,
// size, content hash, link target and modification time (directories included, so a created-then-deleted
// file still shows in its directory's mtime). Access times are left out: reading is allowed.
using System.Security.Cryptography;

namespace UjailOverlay.State.Tests.Support;

internal static class Fingerprint
{
    public static IReadOnlyList<string> Of(string root)
    {
        var lines = new List<string> { Describe(new DirectoryInfo(root), ".") };
        Walk(new DirectoryInfo(root), "", lines);
        return lines;
    }

    private static void Walk(DirectoryInfo dir, string rel, List<string> lines)
    {
        foreach (var child in dir.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var childRel = rel + "/" + child.Name;
            lines.Add(Describe(child, childRel));
            if (child is DirectoryInfo sub && child.LinkTarget is null)
                Walk(sub, childRel, lines);
        }
    }

    private static string Describe(FileSystemInfo info, string rel)
    {
        var mode = Convert.ToString((int)info.UnixFileMode, 8);
        var mtime = info.LastWriteTimeUtc.Ticks;
        if (info.LinkTarget is { } target)
            return $"{rel} link -> {target} {mode}";
        if (info is FileInfo file)
            return $"{rel} file {mode} {file.Length} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))} {mtime}";
        return $"{rel} dir {mode} {mtime}";
    }
}
