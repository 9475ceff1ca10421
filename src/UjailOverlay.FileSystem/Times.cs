// Conversions between the kernel's timespec and .NET's DateTime/DateTimeOffset, as FileStatus.Unix.cs makes
// them: seconds since the epoch plus nanoseconds truncated to 100 ns ticks; a missing file's times read as
// 1601-01-01 UTC (DateTime.FromFileTimeUtc(0)); the *Utc setters take an Unspecified DateTime as UTC.
using UjailOverlay.Core;

namespace UjailOverlay.FileSystem;

internal static class Times
{
    /// <summary>What .NET reports for a time of a file that does not exist.</summary>
    public static DateTimeOffset Missing { get; } = new(DateTime.FromFileTimeUtc(0));

    public static DateTimeOffset ToDateTimeOffset(Timespec t) =>
        DateTimeOffset.FromUnixTimeSeconds(t.Sec).AddTicks(t.Nsec / 100);

    public static Timespec ToTimespec(DateTimeOffset t)
    {
        var seconds = t.ToUnixTimeSeconds(); // floors, also before 1970
        var ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - seconds * TimeSpan.TicksPerSecond;
        return new Timespec(seconds, ticks * 100);
    }

    /// <summary>File.GetUtcDateTimeOffset: the *Utc setters treat DateTimeKind.Unspecified as UTC.</summary>
    public static DateTimeOffset FromUtcArgument(DateTime value) => value.Kind == DateTimeKind.Unspecified
        ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc))
        : new DateTimeOffset(value.ToUniversalTime());

    /// <summary>The local-time setters convert with DateTimeOffset's implicit conversion (Unspecified is local).</summary>
    public static DateTimeOffset FromLocalArgument(DateTime value) => value;
}
