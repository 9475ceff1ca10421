// What StateDiff.Compute reports: which paths, how deep beneath deleted directories, whether times count.
namespace UjailOverlay.Core.Diff;

public sealed record DiffOptions
{
    public static DiffOptions Default { get; } = new();

    /// <summary>Only changes at or beneath these absolute virtual paths; empty means everything. Paths are
    /// normalised lexically ("etc//x/" → "/etc/x").</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    /// <summary>Compare mtime (to the nanosecond) as metadata. Off by default: copy-up and editors touch times
    /// without changing anything a user cares about.</summary>
    public bool Times { get; init; }

    /// <summary>List every host path beneath a deleted directory instead of the directory alone.</summary>
    public bool Expand { get; init; }

    /// <summary>Also report upper entries that change nothing, as <see cref="ChangeKind.Noop"/>.</summary>
    public bool IncludeNoops { get; init; }
}
