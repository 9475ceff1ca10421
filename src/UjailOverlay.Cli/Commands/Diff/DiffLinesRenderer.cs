// The default `ujail diff` output: one line per change, `M  /etc/hosts (mode 0644 -> 0600)`. The marker is
// coloured only on a terminal (plain ANSI SGR: a line needs no layout engine); pipes get plain text.
using UjailOverlay.Core.Diff;

namespace UjailOverlay.Cli.Commands.Diff;

internal static class DiffLinesRenderer
{
    public static void Render(DiffReport report, ICliConsole console)
    {
        foreach (var change in report.Changes)
        {
            var marker = ChangeText.Marker(change.Kind);
            if (console.IsTerminal) marker = $"\e[{Colour(change.Kind)}m{marker}\e[0m";
            var details = ChangeText.Details(change);
            console.Out.WriteLine(details.Count == 0
                ? $"{marker}  {ChangeText.DisplayPath(change.Path)}"
                : $"{marker}  {ChangeText.DisplayPath(change.Path)} ({string.Join(", ", details)})");
        }
    }

    // SGR foreground colours, as git colours status: green added, red deleted, yellow/cyan for changes.
    private static string Colour(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "32",
        ChangeKind.Deleted => "31",
        ChangeKind.Modified => "33",
        ChangeKind.TypeChanged => "35",
        ChangeKind.MetadataOnly => "36",
        ChangeKind.Retargeted => "34",
        _ => "0",
    };
}
