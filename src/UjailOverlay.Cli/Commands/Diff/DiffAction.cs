// `ujail diff`'s action: open the state through the IDiffSource, compute the changes (Core's StateDiff), render
// them in the asked format, and exit 1 when there is any difference, 0 when none (as diff(1)).
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.Core.Diff;

namespace UjailOverlay.Cli.Commands.Diff;

internal sealed class DiffAction(CliContext context)
{
    public int Run(DiffRequest request)
    {
        var options = new DiffOptions
        {
            Paths = request.Paths.Select(DiffPaths.Normalize).ToArray(),
            Times = request.Times,
            Expand = request.Expand,
        };
        IReadOnlyList<Change> changes;
        using (var input = context.Services.DiffSource().Open(request.StateDir))
            changes = StateDiff.Compute(input.Image, input.Lower, input.Upper, options);

        var report = new DiffReport(request.StateDir, changes);
        var console = context.Console;
        switch (request.Format)
        {
            case DiffFormat.Json: DiffJsonRenderer.Render(report, console.Out); break;
            case DiffFormat.Stat: DiffStatRenderer.Render(report, console); break;
            default: DiffLinesRenderer.Render(report, console); break;
        }
        return (int)(report.Stat.Total > 0 ? ExitCode.Differences : ExitCode.Success);
    }
}
