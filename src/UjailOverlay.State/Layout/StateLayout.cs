// The names inside a state directory, the marker that identifies one, and how a new one is laid out.
// Creation order matters: everything else first, the marker last (written to a temporary name, flushed, then
// renamed), so a directory with a marker always has an index with a schema. A creation cut short leaves only
// layout names and no marker; CreateOrOpen recognises that (StateProbe) and finishes the job.
using UjailOverlay.State.Schema;

namespace UjailOverlay.State.Layout;

internal static class StateLayout
{
    public const string Marker = "ujail-state";
    public const string MarkerTemp = "ujail-state.tmp";
    public const string Upper = "upper";
    public const string Work = "work";
    public const string Index = "index.db";
    public const string Lock = "lock";

    /// <summary>Directories are created owner-only (0700); files the same without exec (0600).</summary>
    public const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string MarkerText => $"{Marker} {SchemaV1.FormatMajor}\n";

    /// <summary>Every name a state directory may contain (SQLite and LiteDB side files included).</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        Marker, MarkerTemp, Upper, Work, Index, Index + "-wal", Index + "-shm", Index + "-journal",
        LegacyRunHistory.FileName, LegacyRunHistory.LogFileName, Lock, // history.db: schema 1's run history
    };

    /// <summary>Parses the marker's first line: "ujail-state N". Null when it is not of that form.</summary>
    public static int? ParseMarker(string? firstLine)
    {
        if (firstLine is null)
            return null;
        var parts = firstLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[0] != Marker)
            return null;
        return int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out var major) && major > 0
            ? major
            : null;
    }

    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, DirMode);
    }

    /// <summary>Gives an empty (or half-created) directory the full layout; the caller holds the lock.</summary>
    public static void Create(string dir)
    {
        CreateDirectory(Path.Combine(dir, Upper));
        CreateDirectory(Path.Combine(dir, Work));
        var index = Path.Combine(dir, Index);
        using (var connection = ConnectionFactory.OpenForCreation(index))
            Migrations.Run(connection); // closing checkpoints the WAL into index.db and removes it
        // One fsync instead of SQLite's: the schema is on disk before the marker says the directory is complete.
        using (var file = new FileStream(index, System.IO.FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            file.Flush(flushToDisk: true);
        WriteMarker(dir);
    }

    /// <summary>Opens a file, giving it <paramref name="createMode"/> when it is created.</summary>
    public static FileStream OpenFile(string path, System.IO.FileMode mode, FileAccess access, FileShare share, UnixFileMode createMode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows() && mode != System.IO.FileMode.Open)
            options.UnixCreateMode = createMode;
        return new FileStream(path, options);
    }

    private static void WriteMarker(string dir)
    {
        var temp = Path.Combine(dir, MarkerTemp);
        using (var stream = OpenFile(temp, System.IO.FileMode.Create, FileAccess.Write, FileShare.None,
                   FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(MarkerText));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, Path.Combine(dir, Marker), overwrite: true);
    }
}
