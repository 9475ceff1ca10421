// Summaries a state directory gives about itself: counts for `ujail info`, and journal rows with their
// sequence numbers.
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.State;

/// <summary>What is in a state directory. Dentries counts names bound to inodes; Whiteouts the others.</summary>
public sealed record StateInfo(
    int SchemaVersion,
    DateTimeOffset Created,
    long Inodes,
    long Dentries,
    long Whiteouts,
    long JournalRows,
    long Runs,
    long UpperBytes);

/// <summary>One journal row: its sequence number (increasing, never reused) and the entry.</summary>
public sealed record JournalRow(long Seq, JournalEntry Entry);
