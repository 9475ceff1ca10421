// `ls -l` lines: "total N" (1 KiB blocks, as GNU ls counts them), then mode string, link count, owner and group
// as numbers (ls -n), size (or "major, minor" for a device), mtime in UTC (long-iso style) and name, with
// "-> target" for a symlink. Numeric columns are right-aligned to the widest value, as ls aligns them.
using System.Globalization;
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.View;

namespace UjailOverlay.Cli.Commands.Ls;

internal static class LsLongFormat
{
    public static void Write(IReadOnlyList<LsEntry> entries, TextWriter output, bool total)
    {
        if (total) output.WriteLine($"total {(entries.Sum(e => e.Stat.Blocks) + 1) / 2}"); // 512-byte blocks, rounded up to KiB
        var rows = entries.Select(e => new[]
        {
            NodeText.ModeString(e.Stat.Mode),
            Number(e.Stat.Nlink),
            Number(e.Stat.Uid),
            Number(e.Stat.Gid),
            NodeText.IsDevice(e.Stat.Type)
                ? string.Create(CultureInfo.InvariantCulture, $"{NodeText.Major(e.Stat.Rdev)}, {NodeText.Minor(e.Stat.Rdev)}")
                : Number(e.Stat.Size),
            NodeText.ShortTime(e.Stat.Mtime),
            e.Target is null ? Name(e.Name) : $"{Name(e.Name)} -> {Name(e.Target)}",
        }).ToList();
        if (rows.Count == 0) return;
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var r in rows)
            output.WriteLine($"{r[0]} {r[1].PadLeft(widths[1])} {r[2].PadLeft(widths[2])} {r[3].PadLeft(widths[3])} {r[4].PadLeft(widths[4])} {r[5]} {r[6]}");
    }

    /// <summary>A name on one line: C-quoted (as `diff` quotes paths) when it holds a control character.</summary>
    public static string Name(string name) => ChangeText.DisplayPath(name);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
