// One `ujail run` as remembered in history.db: what ran, where, as whom, when, how it ended, and how much it did.
namespace UjailOverlay.State;

public sealed record RunRecord
{
    /// <summary>Assigned by RunHistory.Begin (1, 2, ...); ignored on the way in.</summary>
    public long Id { get; init; }

    public required string[] Command { get; init; }

    public required string Cwd { get; init; }

    public required string User { get; init; }

    public uint Uid { get; init; }

    public DateTimeOffset Start { get; init; }

    /// <summary>Null while the run is going on (or when it never ended: killed with the tracer).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Wait status as the shell reports it (128 + signal for a signal); null until End.</summary>
    public int? ExitStatus { get; init; }

    public RunCounts Counts { get; init; }
}

/// <summary>How much a run did: system calls the tracer intercepted, and changes made to the overlay.</summary>
public readonly record struct RunCounts(long InterceptedCalls, long Changes);
