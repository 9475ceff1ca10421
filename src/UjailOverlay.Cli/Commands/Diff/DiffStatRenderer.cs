// `ujail diff --stat`: how many changes of each kind and how many bytes they carry. A table drawn by
// Spectre.Console on a terminal; aligned plain text otherwise, so scripts and snapshots see no box drawing.
using System.Globalization;
using Spectre.Console;

namespace UjailOverlay.Cli.Commands.Diff;

internal static class DiffStatRenderer
{
    public static void Render(DiffReport report, ICliConsole console)
    {
        var rows = Rows(report.Stat);
        if (console.IsTerminal) RenderTable(rows, console.Out);
        else RenderPlain(rows, console.Out);
    }

    private static IReadOnlyList<(string Label, int Count, long? Bytes)> Rows(DiffStat s) => new (string, int, long?)[]
    {
        ("added", s.Added, s.BytesAdded),
        ("deleted", s.Deleted, s.BytesRemoved),
        ("modified", s.Modified, s.BytesChanged),
        ("type changed", s.TypeChanged, null),
        ("metadata only", s.MetadataOnly, null),
        ("retargeted", s.Retargeted, null),
        ("total", s.Total, null),
        ("drifted", s.Drifted, null),
    };

    private static void RenderPlain(IReadOnlyList<(string Label, int Count, long? Bytes)> rows, TextWriter output)
    {
        output.WriteLine($"{"kind",-14}{"count",6}{"bytes",14}");
        foreach (var (label, count, bytes) in rows)
            output.WriteLine($"{label,-14}{count,6}{(bytes is { } b ? Number(b) : ""),14}".TrimEnd());
    }

    private static void RenderTable(IReadOnlyList<(string Label, int Count, long? Bytes)> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
        });
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("kind")
            .AddColumn(new TableColumn("count").RightAligned())
            .AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var (label, count, bytes) in rows)
        {
            var style = label == "total" ? "bold" : count == 0 ? "grey" : "default";
            table.AddRow($"[{style}]{Markup.Escape(label)}[/]", $"[{style}]{count}[/]", bytes is { } b ? $"[{style}]{Number(b)}[/]" : "");
        }
        console.Write(table);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
