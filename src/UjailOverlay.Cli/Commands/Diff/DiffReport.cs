// The outcome of one `ujail diff`, ready to render: the state as named on the command line, the differences,
// and their totals (DiffStat). Noops never reach a report.
using UjailOverlay.Core.Diff;

namespace UjailOverlay.Cli.Commands.Diff;

internal sealed class DiffReport(string state, IReadOnlyList<Change> changes)
{
    public string State { get; } = state;

    public IReadOnlyList<Change> Changes { get; } = changes.Where(c => c.IsDifference).ToArray();

    public DiffStat Stat => _stat ??= DiffStat.Of(Changes);

    private DiffStat? _stat;
}

/// <summary>
/// Counts per kind and bytes. BytesAdded: sizes of added regular files. BytesRemoved: sizes of deleted regular
/// files that are listed (a deleted directory reported as one line counts 0: its contents are not walked unless
/// --expand). BytesChanged: new sizes of modified files. Drifted: changes whose host file moved on since copy-up.
/// </summary>
internal sealed record DiffStat(
    int Added, int Deleted, int Modified, int TypeChanged, int MetadataOnly, int Retargeted, int Total, int Drifted,
    long BytesAdded, long BytesRemoved, long BytesChanged)
{
    public static DiffStat Of(IReadOnlyList<Change> changes)
    {
        int Count(ChangeKind kind) => changes.Count(c => c.Kind == kind);
        long Bytes(ChangeKind kind, Func<Change, long?> size) => changes.Where(c => c.Kind == kind).Sum(c => size(c) ?? 0);
        return new DiffStat(
            Count(ChangeKind.Added), Count(ChangeKind.Deleted), Count(ChangeKind.Modified), Count(ChangeKind.TypeChanged),
            Count(ChangeKind.MetadataOnly), Count(ChangeKind.Retargeted), changes.Count(c => c.IsDifference),
            changes.Count(c => c.Drifted),
            Bytes(ChangeKind.Added, c => c.NewSize), Bytes(ChangeKind.Deleted, c => c.OldSize), Bytes(ChangeKind.Modified, c => c.NewSize));
    }
}
