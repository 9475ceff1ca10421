// Walks a tree (upper/ or work/) without following symlinks: a symlink is reported as itself and never
// entered, whatever it points at. Entries come parent before children, names in ordinal order, paths
// relative to the root with '/' separators ("a/b").
namespace UjailOverlay.State.Layout;

internal static class UpperWalker
{
    public static IEnumerable<(string Rel, FileSystemInfo Info)> Walk(string root)
    {
        var pending = new Stack<(string Rel, DirectoryInfo Dir)>();
        pending.Push(("", new DirectoryInfo(root)));
        while (pending.Count > 0)
        {
            var (rel, dir) = pending.Pop();
            var children = dir.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            var subdirs = new List<(string, DirectoryInfo)>();
            foreach (var child in children)
            {
                var childRel = rel.Length == 0 ? child.Name : rel + "/" + child.Name;
                yield return (childRel, child);
                if (IsRealDirectory(child))
                    subdirs.Add((childRel, (DirectoryInfo)child));
            }
            for (var i = subdirs.Count - 1; i >= 0; i--)
                pending.Push(subdirs[i]);
        }
    }

    public static bool IsSymlink(FileSystemInfo info) => info.LinkTarget is not null;

    /// <summary>A directory that is not a symlink to one.</summary>
    public static bool IsRealDirectory(FileSystemInfo info) =>
        info is DirectoryInfo && !IsSymlink(info) && (info.Attributes & FileAttributes.ReparsePoint) == 0;

    /// <summary>Bytes of regular files under root (symlinks and directories count nothing).</summary>
    public static long Size(string root) =>
        Directory.Exists(root)
            ? Walk(root).Where(e => e.Info is FileInfo && !IsSymlink(e.Info)).Sum(e => ((FileInfo)e.Info).Length)
            : 0;
}
