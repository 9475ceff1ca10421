// Tables for listing verbs (`syscalls`, `state history`, `state journal`, `state info`): a Spectre.Console table
// on a terminal, and aligned plain text otherwise (pipes, files, tests), so scripts never meet box drawing. In
// the plain form columns are separated by two spaces, numbers are right-aligned, and the last column is not
// padded, so a long free-text column (a note, a command line) never drags trailing blanks.
using Spectre.Console;

namespace UjailOverlay.Cli.Infrastructure;

internal sealed class TextTable
{
    private readonly List<(string Header, bool Right)> _columns = [];
    private readonly List<string[]> _rows = [];

    public TextTable Column(string header, bool right = false)
    {
        _columns.Add((header, right));
        return this;
    }

    public TextTable Row(params string[] cells)
    {
        if (cells.Length != _columns.Count)
            throw new ArgumentException($"row has {cells.Length} cells for {_columns.Count} columns", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public int Count => _rows.Count;

    public void Render(ICliConsole console)
    {
        if (console.IsTerminal) RenderTable(console.Out);
        else RenderPlain(console.Out);
    }

    private void RenderPlain(TextWriter output)
    {
        var widths = _columns.Select((c, i) => _rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        WritePlain(output, _columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in _rows) WritePlain(output, row, widths);
    }

    private void WritePlain(TextWriter output, string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            parts[i] = _columns[i].Right ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]);
        }
        output.WriteLine(string.Join("  ", parts).TrimEnd());
    }

    private void RenderTable(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
        });
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, right) in _columns)
        {
            var column = new TableColumn(Markup.Escape(header));
            table.AddColumn(right ? column.RightAligned() : column);
        }
        foreach (var row in _rows) table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        console.Write(table);
    }
}
