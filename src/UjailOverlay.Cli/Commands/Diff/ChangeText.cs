// The words and numbers every diff renderer shares, so the human lines, the stat table and the JSON name things
// the same way: kind markers and names, node type names, octal modes, and times as RFC 3339 with nanoseconds.
using System.Globalization;
using UjailOverlay.Core;
using UjailOverlay.Core.Diff;

namespace UjailOverlay.Cli.Commands.Diff;

internal static class ChangeText
{
    /// <summary>One-letter marker, after `git status --short` and `docker diff`: A, D, M, T, m (metadata), L (link).</summary>
    public static string Marker(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "A",
        ChangeKind.Deleted => "D",
        ChangeKind.Modified => "M",
        ChangeKind.TypeChanged => "T",
        ChangeKind.MetadataOnly => "m",
        ChangeKind.Retargeted => "L",
        _ => "=",
    };

    /// <summary>The JSON "kind" value: the enum name in camelCase.</summary>
    public static string Name(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Deleted => "deleted",
        ChangeKind.Modified => "modified",
        ChangeKind.TypeChanged => "typeChanged",
        ChangeKind.MetadataOnly => "metadataOnly",
        ChangeKind.Retargeted => "retargeted",
        _ => "noop",
    };

    public static string TypeName(NodeType type) => type switch
    {
        NodeType.Regular => "file",
        NodeType.Directory => "dir",
        NodeType.Symlink => "symlink",
        NodeType.Fifo => "fifo",
        NodeType.Socket => "socket",
        NodeType.CharDevice => "chardev",
        NodeType.BlockDevice => "blockdev",
        _ => "unknown",
    };

    /// <summary>Permission bits as four octal digits, as chmod(1) takes them: 0644, 4755.</summary>
    public static string Octal(uint mode) => Convert.ToString(mode & Mode.PermissionBits, 8).PadLeft(4, '0');

    /// <summary>RFC 3339 UTC with all nine fractional digits: 2023-11-14T22:13:20.000000001Z.</summary>
    public static string Time(Timespec t) =>
        DateTimeOffset.FromUnixTimeSeconds(t.Sec).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) +
        "." + t.Nsec.ToString("D9", CultureInfo.InvariantCulture) + "Z";

    /// <summary>A path as a human line shows it: as is, or C-quoted as git quotes it when it holds a control
    /// character, a double quote or a backslash, so every change stays on one line.</summary>
    public static string DisplayPath(string path)
    {
        if (!path.Any(c => char.IsControl(c) || c is '"' or '\\')) return path;
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in path)
        {
            quoted.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>What a human line adds in parentheses: the type change, the target change, each metadata field
    /// with its old and new value, and drift.</summary>
    public static IReadOnlyList<string> Details(Change change)
    {
        var details = new List<string>();
        if (change.Kind == ChangeKind.TypeChanged && change.OldType is { } from && change.NewType is { } to)
            details.Add($"{TypeName(from)} -> {TypeName(to)}");
        if (change.Kind == ChangeKind.Retargeted) details.Add($"-> {change.OldTarget} -> {change.NewTarget}");
        foreach (var field in change.Fields)
        {
            switch (field)
            {
                case ChangeFields.Mode: details.Add($"mode {Octal(change.OldMode ?? 0)} -> {Octal(change.NewMode ?? 0)}"); break;
                case ChangeFields.Owner: details.Add($"owner {change.OldUid} -> {change.NewUid}"); break;
                case ChangeFields.Group: details.Add($"group {change.OldGid} -> {change.NewGid}"); break;
                case ChangeFields.Mtime when change.OldMtime is { } a && change.NewMtime is { } b: details.Add($"mtime {Time(a)} -> {Time(b)}"); break;
                case ChangeFields.Rdev or ChangeFields.Xattrs: details.Add(field); break;
            }
        }
        if (change.Drifted) details.Add("host changed since copy-up");
        return details;
    }
}
