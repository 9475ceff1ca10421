// What `ujail syscalls` shows: one row per table entry (number, name, family, support, errno name, handler, argument
// rules, note), the count of entries per support level, and the same as JSON. Built from the table alone, so the
// report cannot drift from the filter. No console I/O: the CLI decides how rows are printed.
using System.Text.Json;

namespace UjailOverlay.Jail.Syscalls;

/// <summary>One line of the report. Errno is the symbolic name for a Denied entry, else empty; Rules renders a
/// Conditional entry's ArgRules (first match wins, otherwise passed through), else empty.</summary>
public sealed record SyscallReportRow(
    int Number,
    string Name,
    SyscallFamily Family,
    SupportLevel Support,
    string Errno,
    string Handler,
    string Rules,
    string Note);

/// <summary>How many entries have each support level; Total is their sum.</summary>
public sealed record SyscallSupportCounts(
    int PassedThrough,
    int Emulated,
    int Traced,
    int Denied,
    int Conditional,
    int Total);

/// <summary>The JSON document: every row, then the counts.</summary>
public sealed record SyscallReportDocument(IReadOnlyList<SyscallReportRow> Syscalls, SyscallSupportCounts Counts);

public static class SyscallReport
{
    /// <summary>One row per entry, ordered by number.</summary>
    public static IReadOnlyList<SyscallReportRow> Rows(IReadOnlyList<SyscallEntry> entries) =>
        entries.OrderBy(e => e.Number).Select(Row).ToList();

    public static SyscallSupportCounts Counts(IReadOnlyList<SyscallEntry> entries)
    {
        int Count(SupportLevel level) => entries.Count(e => e.Support == level);
        return new SyscallSupportCounts(
            Count(SupportLevel.PassedThrough),
            Count(SupportLevel.Emulated),
            Count(SupportLevel.Traced),
            Count(SupportLevel.Denied),
            Count(SupportLevel.Conditional),
            entries.Count);
    }

    public static SyscallReportDocument Document(IReadOnlyList<SyscallEntry> entries) => new(Rows(entries), Counts(entries));

    /// <summary>The report as indented JSON, serialized through source-generated metadata (NativeAOT-safe).</summary>
    public static string ToJson(IReadOnlyList<SyscallEntry> entries) =>
        JsonSerializer.Serialize(Document(entries), SyscallReportJsonContext.Default.SyscallReportDocument);

    private static SyscallReportRow Row(SyscallEntry entry) => new(
        entry.Number,
        entry.Name,
        entry.Family,
        entry.Support,
        entry.DenyErrno == 0 ? "" : SyscallErrno.Name(entry.DenyErrno),
        entry.Handler,
        string.Join("; ", entry.ArgRules.Select(rule => rule.Describe())),
        entry.Note);
}
