// Decides what is at a path without changing anything there: missing, empty, foreign, a creation that was cut
// short, or a marked state directory (then IndexCheck looks at the index). Only reads: directory listings,
// the marker's first line, and the index through an inspection connection.
using UjailOverlay.State.Schema;

namespace UjailOverlay.State.Layout;

internal enum ProbeKind { Missing, Empty, Foreign, InterruptedCreation, Marked, Error }

internal sealed record Probe(ProbeKind Kind, StateException? Error = null);

internal static class StateProbe
{
    public static Probe Inspect(string path)
    {
        try
        {
            return InspectCore(path);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(StateErrorKind.Unreadable, path, "permission denied", e);
        }
        catch (IOException e)
        {
            return Fail(StateErrorKind.Unreadable, path, e.Message, e);
        }
    }

    private static Probe InspectCore(string path)
    {
        if (File.Exists(path))
            return Fail(StateErrorKind.NotAStateDir, path, "is a file, not a directory");
        if (!Directory.Exists(path))
            return InspectMissing(path);

        var names = Directory.EnumerateFileSystemEntries(path).Select(p => Path.GetFileName(p)).ToList();
        if (names.Count == 0)
            return new Probe(ProbeKind.Empty);
        if (!names.Contains(StateLayout.Marker))
        {
            return IsInterruptedCreation(path, names)
                ? new Probe(ProbeKind.InterruptedCreation)
                : new Probe(ProbeKind.Foreign,
                    StateException.At(StateErrorKind.NotAStateDir, path, $"not a state directory (no {StateLayout.Marker} marker)"));
        }

        var markerPath = Path.Combine(path, StateLayout.Marker);
        if (Directory.Exists(markerPath))
            return Fail(StateErrorKind.Corrupt, path, $"{StateLayout.Marker} is a directory, not the marker file");
        var firstLine = ReadFirstLine(markerPath);
        var major = StateLayout.ParseMarker(firstLine);
        if (major is null)
            return Fail(StateErrorKind.Corrupt, path, $"bad marker: {StateLayout.Marker} does not start with \"{StateLayout.Marker} <format>\"");
        if (major > SchemaV1.FormatMajor)
            return Fail(StateErrorKind.NewerVersion, path, $"format {major} is newer than this build knows ({SchemaV1.FormatMajor})");
        return new Probe(ProbeKind.Marked);
    }

    /// <summary>The marker's first line, reading at most 256 bytes (a foreign file there may be huge).</summary>
    private static string ReadFirstLine(string markerPath)
    {
        var buffer = new byte[256];
        using var stream = new FileStream(markerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        var newline = text.IndexOf('\n');
        return newline < 0 ? text : text[..newline];
    }

    /// <summary>Missing, unless the way there runs through a file (ENOTDIR) or a directory we may not read.</summary>
    private static Probe InspectMissing(string path)
    {
        for (var ancestor = Path.GetDirectoryName(path); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
                return Fail(StateErrorKind.Unreadable, path, $"{ancestor} is not a directory");
            if (Directory.Exists(ancestor))
            {
                // Listing fails when the parent is unreadable, where stat of the child said "missing".
                _ = Directory.EnumerateFileSystemEntries(ancestor).FirstOrDefault();
                break;
            }
        }
        return new Probe(ProbeKind.Missing);
    }

    /// <summary>
    /// Only layout names, upper/ and work/ empty, and an index that is empty or ours: the marker was never
    /// written because creation stopped part-way. Anything else is foreign and is left alone.
    /// </summary>
    private static bool IsInterruptedCreation(string path, List<string> names)
    {
        if (!names.All(StateLayout.Names.Contains))
            return false;
        foreach (var dir in new[] { StateLayout.Upper, StateLayout.Work })
        {
            var full = Path.Combine(path, dir);
            if (File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()))
                return false;
        }
        var index = Path.Combine(path, StateLayout.Index);
        return !File.Exists(index) || IndexCheck.IsEmptyOrOurs(index);
    }

    private static Probe Fail(StateErrorKind kind, string path, string reason, Exception? inner = null) =>
        new(ProbeKind.Error, StateException.At(kind, path, reason, inner));
}
