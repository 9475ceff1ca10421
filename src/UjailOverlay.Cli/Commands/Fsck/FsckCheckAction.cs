// `ujail fsck`'s action: runs the check, prints one line per finding, `KIND PATH: detail [action]` ("." is the
// state directory itself; PATH is otherwise a virtual path, or a name in the state dir such as index.db or
// work/x), then any skipped check and a summary line, all on stdout.
// Exit: 0 clean; FsckRepaired when --repair carried out every finding's action; FsckFoundProblems when findings
// remain (no --repair, or report-only ones). A directory fsck cannot check at all is an error like any verb's:
// foreign (no marker) -> NotAStateDir, a newer format -> StateNewerVersion, a marker or index beyond reading ->
// StateCorrupt; its findings are still printed first, then the one `ujail:` line on stderr.
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Commands.Fsck;

internal sealed class FsckCheckAction(CliContext context)
{
    public int Run(string stateDir, bool repair)
    {
        var report = context.Services.Fsck().Run(stateDir, repair);
        var output = context.Console.Out;
        foreach (var finding in report.Findings) output.WriteLine(Line(finding));
        foreach (var skipped in report.Skipped) output.WriteLine($"skipped: {skipped}");

        if (Unchecked(report) is { } error)
        {
            output.WriteLine($"{report.Path}: not checked");
            throw error;
        }
        if (report.Clean)
        {
            output.WriteLine($"{report.Path}: clean");
            return (int)ExitCode.Success;
        }
        var count = Count(report.Findings.Count, "problem");
        var damage = report.Findings.Count(f => f.IsDamage);
        var kinds = damage == report.Findings.Count ? "" : $" ({damage} damage, {report.Findings.Count - damage} left by an interrupted writer)";
        if (!report.Repaired)
        {
            output.WriteLine($"{report.Path}: {count}{kinds}, not repaired; run 'ujail fsck --repair {stateDir}'");
            return (int)ExitCode.FsckFoundProblems;
        }
        var remaining = report.Findings.Count(f => f.Action == FsckAction.None);
        if (remaining > 0)
        {
            output.WriteLine($"{report.Path}: {count}{kinds}, repaired except {remaining} that can only be reported");
            return (int)ExitCode.FsckFoundProblems;
        }
        output.WriteLine($"{report.Path}: {count}{kinds}, repaired");
        return (int)ExitCode.FsckRepaired;
    }

    public static string Line(FsckFinding f) =>
        $"{f.Kind} {(f.Path.Length == 0 ? "." : ChangeText.DisplayPath(f.Path))}: {f.Detail} [{f.Action}]";

    /// <summary>The error for a directory fsck stopped at before checking anything inside (Fsck's stop findings).</summary>
    private static CliException? Unchecked(FsckReport report)
    {
        foreach (var f in report.Findings)
        {
            var code = f.Kind switch
            {
                FsckFindingKind.MarkerMissing => ExitCode.NotAStateDir,
                FsckFindingKind.NewerVersion => ExitCode.StateNewerVersion,
                FsckFindingKind.BadMarker or FsckFindingKind.IndexCorrupt => ExitCode.StateCorrupt,
                _ => (ExitCode?)null,
            };
            if (code is { } c)
                return new CliException(c, f.Detail.StartsWith("state directory ", StringComparison.Ordinal)
                    ? f.Detail
                    : $"state directory {report.Path}: {f.Detail}");
        }
        return null;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
