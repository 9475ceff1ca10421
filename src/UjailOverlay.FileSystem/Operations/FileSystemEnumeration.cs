// Directory enumeration with .NET's rules (System.IO.Enumeration: FileSystemEnumerableFactory, FileSystemEnumerator
// and FileSystemEntry on Unix): a pattern may carry a directory part that moves into the path; Win32 patterns are
// translated (FileSystemName.TranslateWin32Expression, "*.*" and "." meaning "*") and matched case-sensitively
// unless EnumerationOptions says otherwise; a link to a directory counts as a directory (and is recursed into);
// attributes in AttributesToSkip hide an entry and its subtree; recursion is breadth-first and bounded by
// MaxRecursionDepth; subdirectories that vanished are skipped, and unreadable ones too when IgnoreInaccessible.
// Results keep the caller's spelling of the root (Path.Join(original root, relative part, name)); info objects
// get full paths. The root is listed when the call is made (errors surface there), the rest lazily.
using System.IO.Abstractions;
using System.IO.Enumeration;
using UjailOverlay.Core;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal enum SearchTarget { Files, Directories, Both }

internal sealed class FileSystemEnumeration
{
    private static readonly char[] UnixEscapeChars = { '\\', '"', '<', '>' };

    private readonly OverlayFileSystem _fs;

    public FileSystemEnumeration(OverlayFileSystem fs) => _fs = fs;

    /// <summary>One matching entry: the path in the caller's spelling, its full path and whether it is a directory.</summary>
    public readonly record struct Entry(string SpecifiedPath, string FullPath, bool IsDirectory);

    public static EnumerationOptions FromSearchOption(SearchOption searchOption) => searchOption switch
    {
        SearchOption.TopDirectoryOnly => Compatible(false),
        SearchOption.AllDirectories => Compatible(true),
        _ => throw new ArgumentOutOfRangeException(nameof(searchOption), "Enum value was out of legal range."),
    };

    /// <summary>EnumerationOptions.Compatible: Win32 matching, nothing skipped, errors not ignored.</summary>
    public static EnumerationOptions Compatible(bool recurse = false) => new()
    {
        MatchType = MatchType.Win32, AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = recurse,
    };

    public IEnumerable<string> Paths(string path, string searchPattern, SearchTarget target, EnumerationOptions options) =>
        Select(path, searchPattern, target, options).Select(e => e.SpecifiedPath);

    public IEnumerable<IFileSystemInfo> Infos(string fullDirectory, string searchPattern, SearchTarget target, EnumerationOptions options) =>
        Select(fullDirectory, searchPattern, target, options).Select(e => e.IsDirectory
            ? (IFileSystemInfo)new OverlayDirectoryInfo(_fs, e.FullPath)
            : new OverlayFileInfo(_fs, e.FullPath));

    public IEnumerable<Entry> Select(string path, string searchPattern, SearchTarget target, EnumerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        var expression = Normalize(ref path, searchPattern, options.MatchType);
        var fullRoot = _fs.GetFullPath(path);
        var rootEntries = List(fullRoot, isRoot: true, options)!;
        var ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
        return Walk(path, fullRoot, rootEntries, options).Where(e => target switch
        {
            SearchTarget.Files => !e.IsDirectory,
            SearchTarget.Directories => e.IsDirectory,
            _ => true,
        } && Matches(expression, SysPath.GetFileName(e.FullPath), options.MatchType, ignoreCase));
    }

    private IEnumerable<Entry> Walk(string specifiedRoot, string fullRoot, IReadOnlyList<DirEntry> rootEntries, EnumerationOptions options)
    {
        var pending = new Queue<(string Specified, string Full, IReadOnlyList<DirEntry>? Entries, int RemainingDepth)>();
        pending.Enqueue((specifiedRoot, fullRoot, rootEntries, options.MaxRecursionDepth));
        while (pending.TryDequeue(out var dir))
        {
            var entries = dir.Entries ?? List(dir.Full, isRoot: false, options);
            if (entries is null) continue;
            if (options.ReturnSpecialDirectories)
            {
                yield return new Entry(SysPath.Join(dir.Specified, "."), SysPath.Join(dir.Full, "."), true);
                yield return new Entry(SysPath.Join(dir.Specified, ".."), SysPath.Join(dir.Full, ".."), true);
            }
            foreach (var e in entries)
            {
                var full = SysPath.Join(dir.Full, e.Name);
                var isDirectory = e.Type == NodeType.Directory
                    || (e.Type == NodeType.Symlink && _fs.DirectoryExists(full));
                if (options.AttributesToSkip != 0 && (Attributes(full, e.Name, isDirectory, options.AttributesToSkip) & options.AttributesToSkip) != 0)
                    continue;
                var specified = SysPath.Join(dir.Specified, e.Name);
                yield return new Entry(specified, full, isDirectory);
                if (isDirectory && options.RecurseSubdirectories && dir.RemainingDepth > 0)
                    pending.Enqueue((specified, full, null, dir.RemainingDepth - 1));
            }
        }
    }

    /// <summary>Lists a directory; null for a subdirectory that vanished or (with IgnoreInaccessible) is unreadable.</summary>
    private IReadOnlyList<DirEntry>? List(string fullPath, bool isRoot, EnumerationOptions options)
    {
        var err = _fs.Overlay.ListDirectory(fullPath, _fs.Caller, out var entries);
        if (err == Errno.OK) return entries;
        if (!isRoot && err is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP) return null;
        if (!isRoot && options.IgnoreInaccessible && err is Errno.EACCES or Errno.EPERM) return null;
        throw IoErrors.From(err, fullPath, isDirectory: true);
    }

    /// <summary>Hidden, System and Directory need no stat(2) (a name, nothing on Linux, the entry's type); anything
    /// else asked for in AttributesToSkip is derived as FileAttributes are.</summary>
    private FileAttributes Attributes(string fullPath, string name, bool isDirectory, FileAttributes wanted)
    {
        const FileAttributes Cheap = FileAttributes.Hidden | FileAttributes.System | FileAttributes.Directory;
        if ((wanted & ~Cheap) == 0)
            return (isDirectory ? FileAttributes.Directory : 0) | (name.StartsWith('.') ? FileAttributes.Hidden : 0);
        var attributes = new EntryStatus(_fs).GetAttributes(fullPath, name, continueOnError: true);
        if (attributes == (FileAttributes)(-1)) // vanished meanwhile: what the entry itself says
            attributes = (isDirectory ? FileAttributes.Directory : FileAttributes.Normal) | (name.StartsWith('.') ? FileAttributes.Hidden : 0);
        return attributes;
    }

    private static bool Matches(string expression, string name, MatchType matchType, bool ignoreCase) => matchType switch
    {
        MatchType.Simple => FileSystemName.MatchesSimpleExpression(expression, name, ignoreCase),
        MatchType.Win32 => FileSystemName.MatchesWin32Expression(expression, name, ignoreCase),
        _ => throw new ArgumentOutOfRangeException(nameof(matchType)),
    };

    /// <summary>FileSystemEnumerableFactory.NormalizeInputs: moves a directory part of the pattern into the path and
    /// returns the expression to match names with.</summary>
    private static string Normalize(ref string directory, string expression, MatchType matchType)
    {
        if (SysPath.IsPathRooted(expression))
            throw new ArgumentException("Second path fragment must not be a drive or UNC name.", nameof(expression));
        if (expression.Contains('\0')) throw new ArgumentException("Null character in path.", nameof(expression));
        if (directory.Contains('\0')) throw new ArgumentException("Null character in path.", nameof(directory));

        var directoryName = SysPath.GetDirectoryName(expression.AsSpan());
        if (directoryName.Length != 0)
        {
            directory = SysPath.Join(directory.AsSpan(), directoryName);
            expression = expression[(directoryName.Length + 1)..];
        }
        switch (matchType)
        {
            case MatchType.Win32:
                if (expression == "*") break;
                if (expression.Length == 0 || expression == "." || expression == "*.*")
                {
                    expression = "*";
                    break;
                }
                if (expression.IndexOfAny(UnixEscapeChars) != -1)
                    expression = expression.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace(">", "\\>").Replace("<", "\\<");
                expression = FileSystemName.TranslateWin32Expression(expression);
                break;
            case MatchType.Simple:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(matchType));
        }
        return expression;
    }
}
