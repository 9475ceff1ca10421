// Full views of a tree as text, one line per path, so two trees compare by string and a difference prints as
// the first lines that differ. The view walks what a program could see (lstat, readlink, read, listxattr,
// getdents) with the caller's credentials: errors are part of the view. A line holds type, full mode, owner,
// and for non-directories size, nlink and content; mtime only where it was set explicitly (the model's
// explicit times are all before 2017, "now" never is). Hard links show as groups of paths sharing an inode.
// The full form (the lower tree's fingerprint) adds device, inode, link count, size and all three times.
using System.Text;
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.Core.Tests.Model;

/// <summary>What a view needs from a side (the overlay, the reference, or the lower directory itself).</summary>
internal interface ITreeSide
{
    Errno Stat(string path, bool follow, out NodeStat stat);
    Outcome ReadLink(string path);
    Outcome Read(string path, int extraFlags);
    Errno List(string path, out List<string> names);
    Errno UserXattrs(string path, out List<string> pairs);
}

internal static class View
{
    /// <summary>Times before this are the model's explicit ones (seed and utimensat); later ones are "now".</summary>
    public const long ExplicitTimeLimit = 1_500_000_000;

    public static string Describe(NodeStat st, bool full = false, bool hideMtime = false)
    {
        var sb = new StringBuilder();
        sb.Append(TypeName(st.Type)).Append(' ').Append(ModelOp.Oct(st.Permissions)).Append(' ').Append(st.Uid).Append(':').Append(st.Gid);
        if (full)
        {
            // readlink(2) has no O_NOATIME: reading a link (the fingerprint does) may set its atime under relatime.
            var atime = st.Type == NodeType.Symlink ? "" : $" atime={st.Atime}";
            sb.Append($" dev={st.Dev} ino={st.Ino} nlink={st.Nlink} size={st.Size}{atime} mtime={st.Mtime} ctime={st.Ctime}");
        }
        else
        {
            if (!st.IsDirectory) sb.Append($" size={st.Size} nlink={st.Nlink}");
            if (st.Mtime.Sec < ExplicitTimeLimit && !hideMtime) sb.Append($" mtime={st.Mtime}");
        }
        return sb.ToString();
    }

    /// <summary>A Describe()d stat without its mtime.</summary>
    public static string WithoutMtime(string described) => System.Text.RegularExpressions.Regex.Replace(described, " mtime=[0-9.]+", "");

    public static string Content(byte[] bytes)
    {
        var s = Encoding.UTF8.GetString(bytes);
        return "\"" + s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\"", "\\\"") + "\"";
    }

    private static string TypeName(NodeType t) => t switch
    {
        NodeType.Regular => "file",
        NodeType.Directory => "dir",
        NodeType.Symlink => "symlink",
        _ => t.ToString().ToLowerInvariant(),
    };

    /// <summary>Every path reachable from "/", sorted, with hard-link groups at the end. hideMtime(path, stat)
    /// leaves a path's mtime out (where the file system, not Linux, decides it).</summary>
    public static List<string> Snapshot(ITreeSide side, bool full = false, Func<string, NodeStat, bool>? hideMtime = null)
    {
        var lines = new List<string>();
        var groups = new SortedDictionary<(ulong, ulong), List<string>>();
        Walk(side, "/", full, hideMtime ?? ((_, _) => false), lines, groups);
        if (!full)
            foreach (var g in groups.Values.Where(g => g.Count > 1))
                lines.Add("hard links: " + string.Join(" ", g.Order(StringComparer.Ordinal)));
        return lines;
    }

    private static void Walk(ITreeSide side, string path, bool full, Func<string, NodeStat, bool> hideMtime, List<string> lines,
        SortedDictionary<(ulong, ulong), List<string>> groups)
    {
        var e = side.Stat(path, false, out var st);
        if (e != Errno.OK) { lines.Add($"{path}: {e}"); return; }
        var line = new StringBuilder(path).Append(": ").Append(Describe(st, full, hideMtime(path, st)));
        if (st.Type == NodeType.Symlink) line.Append(" -> ").Append(side.ReadLink(path));
        if (st.Type == NodeType.Regular) line.Append(" = ").Append(side.Read(path, 0));
        var xe = side.UserXattrs(path, out var xattrs);
        if (xe != Errno.OK) line.Append(" xattrs:").Append(xe);
        else if (xattrs.Count > 0) line.Append(" xattrs[").Append(string.Join(", ", xattrs)).Append(']');
        lines.Add(line.ToString());
        if (!st.IsDirectory)
        {
            if (!groups.TryGetValue((st.Dev, st.Ino), out var g)) groups[(st.Dev, st.Ino)] = g = new List<string>();
            g.Add(path);
            return;
        }
        e = side.List(path, out var names);
        if (e != Errno.OK) { lines.Add($"{path}: getdents {e}"); return; }
        foreach (var name in names.Order(StringComparer.Ordinal))
            Walk(side, VirtualPath.Join(path, name), full, hideMtime, lines, groups);
    }

    /// <summary>"" when equal, else the first differing lines of both, side by side.</summary>
    public static string Diff(List<string> expected, List<string> actual, string expectedName = "reference", string actualName = "overlay")
    {
        var width = Math.Max(expectedName.Length, actualName.Length) + 2;
        var sb = new StringBuilder();
        var exp = new HashSet<string>(expected);
        var act = new HashSet<string>(actual);
        foreach (var l in expected.Where(l => !act.Contains(l)).Take(8)) sb.Append(("  " + expectedName + ":").PadRight(width + 1)).AppendLine(l);
        foreach (var l in actual.Where(l => !exp.Contains(l)).Take(8)) sb.Append(("  " + actualName + ":").PadRight(width + 1)).AppendLine(l);
        return sb.ToString();
    }
}

internal sealed class ReferenceSide(ReferenceTree tree) : ITreeSide
{
    public Errno Stat(string path, bool follow, out NodeStat stat) => tree.Stat(path, follow, out stat);
    public Outcome ReadLink(string path) => tree.ReadLink(path);
    public Outcome Read(string path, int extraFlags) => tree.Read(path, extraFlags);
    public Errno List(string path, out List<string> names) => tree.List(path, out names);
    public Errno UserXattrs(string path, out List<string> pairs) => tree.UserXattrs(path, out pairs);
}

internal sealed class OverlaySide(OverlayUnderTest o) : ITreeSide
{
    public Errno Stat(string path, bool follow, out NodeStat stat) => o.Fs.Stat(path, follow, o.Ctx, out stat);

    public Outcome ReadLink(string path) =>
        o.Fs.ReadLink(path, o.Ctx, out var t) is var e && e != Errno.OK ? new(e) : new(e, t);

    public Outcome Read(string path, int extraFlags) => o.Read(path, (OpenFlags)extraFlags);

    public Errno List(string path, out List<string> names)
    {
        var e = o.Fs.ListDirectory(path, o.Ctx, out var entries);
        names = entries.Select(x => x.Name).ToList();
        return e;
    }

    public Errno UserXattrs(string path, out List<string> pairs)
    {
        pairs = [];
        var e = o.Fs.ListXattrs(path, false, o.Ctx, out var names);
        if (e != Errno.OK) return e;
        foreach (var name in names.Where(n => n.StartsWith("user.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            pairs.Add(o.Fs.GetXattr(path, name, false, o.Ctx, out var v) is var ge && ge == Errno.OK ? $"{name}={Content(v)}" : $"{name}:{ge}");
        return Errno.OK;
    }

    private static string Content(byte[] v) => View.Content(v);
}
