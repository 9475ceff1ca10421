// How the `state` verbs spell values in human output: times in UTC, journal results as strace does
// (-ENOENT), command lines quoted for a POSIX shell so they can be pasted back.
using System.Globalization;
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.State;

internal static class StateText
{
    /// <summary>"2023-11-14 22:13:20" UTC.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>"2023-11-14 22:13:20.123456" UTC, for journal rows (many can share a second).</summary>
    public static string PreciseTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'ffffff", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC with seven fractional digits (DateTimeOffset's resolution), for JSON.</summary>
    public static string Rfc3339(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A syscall result: the value, or -ERRNO for a negative errno as the journal stores failures.</summary>
    public static string Result(int result) =>
        result >= 0 ? result.ToString(CultureInfo.InvariantCulture) : "-" + ((Errno)(-result)).ToString();

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Arguments joined with spaces, each single-quoted for sh when it holds anything but safe characters.</summary>
    public static string Command(IEnumerable<string> args) => string.Join(' ', args.Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
