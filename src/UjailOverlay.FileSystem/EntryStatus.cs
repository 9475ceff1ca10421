// What FileStatus.Unix.cs caches about one path: an lstat(2) of it (a trailing separator trimmed) and, for a
// symlink, whether its target is a directory and the target's permission bits (a dangling link "exists" but has
// no mode). Attributes, times, length and the unix mode are derived from that cache exactly as .NET derives them;
// an info object keeps one until Refresh, like FileSystemInfo. Errors other than ENOENT/ENOTDIR are kept and
// thrown when a property that does not tolerate them is read.
using UjailOverlay.Core;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed class EntryStatus
{
    private enum State { Uninitialized, NotExists, File, Directory, BrokenLink, Failed }

    private const UnixFileMode AllModeBits = (UnixFileMode)0xFFF;
    private const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private readonly OverlayFileSystem _fs;
    private State _state;
    private Errno _error;
    private NodeStat? _lstat;
    private uint _mode; // the lstat mode, with a link's permission bits replaced by its target's

    public EntryStatus(OverlayFileSystem fs) => _fs = fs;

    public void Invalidate() => _state = State.Uninitialized;

    public bool EntryExists(string path)
    {
        Ensure(path, continueOnError: true);
        return _state is State.File or State.Directory or State.BrokenLink;
    }

    /// <summary>FileInfo.Exists / DirectoryInfo.Exists: something is there and it is (or is not) a directory.</summary>
    public bool Exists(string path, bool asDirectory) => EntryExists(path) && asDirectory == (_state == State.Directory);

    public bool IsDirectory(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        return _state == State.Directory;
    }

    public bool IsSymbolicLink(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        return Has && Mode.TypeOf(_mode) == NodeType.Symlink;
    }

    /// <summary>FileAttributes as .NET derives them on Unix, or (FileAttributes)(-1) when nothing is there.</summary>
    public FileAttributes GetAttributes(string path, string name, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        if (!Has) return (FileAttributes)(-1);
        FileAttributes attributes = default;
        if (IsReadOnly()) attributes |= FileAttributes.ReadOnly;
        if (Mode.TypeOf(_mode) == NodeType.Symlink) attributes |= FileAttributes.ReparsePoint;
        if (_state == State.Directory) attributes |= FileAttributes.Directory;
        if (name.Length > 0 && name[0] == '.') attributes |= FileAttributes.Hidden;
        return attributes != default ? attributes : FileAttributes.Normal;
    }

    public long GetLength(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        return Has ? _lstat!.Size : 0;
    }

    /// <summary>The permission bits (a link's target's), or (UnixFileMode)(-1) when missing or dangling.</summary>
    public UnixFileMode GetUnixFileMode(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        if (!Has || _state == State.BrokenLink) return (UnixFileMode)(-1);
        return (UnixFileMode)_mode & AllModeBits;
    }

    public DateTimeOffset GetLastWriteTime(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        return Has ? Times.ToDateTimeOffset(_lstat!.Mtime) : Times.Missing;
    }

    public DateTimeOffset GetLastAccessTime(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        return Has ? Times.ToDateTimeOffset(_lstat!.Atime) : Times.Missing;
    }

    /// <summary>Linux keeps no birth time in stat(2): .NET falls back to the older of mtime and ctime.</summary>
    public DateTimeOffset GetCreationTime(string path, bool continueOnError = false)
    {
        Ensure(path, continueOnError);
        if (!Has) return Times.Missing;
        var st = _lstat!;
        return Times.ToDateTimeOffset(st.Mtime.CompareTo(st.Ctime) < 0 ? st.Mtime : st.Ctime);
    }

    /// <summary>The mode SetAttributes works from: .NET chmods from the cached (target) permission bits.</summary>
    public UnixFileMode CachedPermissions => (UnixFileMode)_mode & AllModeBits;

    private bool Has => _state is State.File or State.Directory or State.BrokenLink;

    /// <summary>ReadOnly when the class of permission bits that applies to the caller has read but not write
    /// (FileStatus.IsModeReadOnlyCore; root gets no exemption).</summary>
    private bool IsReadOnly()
    {
        if (_state == State.BrokenLink) return false;
        var mode = (UnixFileMode)_mode & AllModeBits;
        var user = (mode & UnixFileMode.UserRead) != 0 && (mode & UnixFileMode.UserWrite) == 0;
        var group = (mode & UnixFileMode.GroupRead) != 0 && (mode & UnixFileMode.GroupWrite) == 0;
        var other = (mode & UnixFileMode.OtherRead) != 0 && (mode & UnixFileMode.OtherWrite) == 0;
        if (user == group && group == other) return user;
        var who = _fs.Caller.Who;
        if (_lstat!.Uid == who.Uid) return user;
        if (group == user) return group;
        return who.InGroup(_lstat.Gid) ? group : other;
    }

    internal static UnixFileMode WithoutWrite(UnixFileMode mode) => mode & ~AnyWrite;

    private void Ensure(string path, bool continueOnError)
    {
        if (_state == State.Uninitialized) Refresh(path);
        if (!continueOnError && _state == State.Failed)
        {
            var error = _error;
            Invalidate();
            throw IoErrors.From(error, path);
        }
    }

    private void Refresh(string path)
    {
        var trimmed = path.Length > 1 ? SysPath.TrimEndingDirectorySeparator(path) : path;
        var err = _fs.Overlay.Stat(trimmed, false, _fs.Caller, out var st);
        if (err != Errno.OK)
        {
            _lstat = null;
            if (err is Errno.ENOENT or Errno.ENOTDIR) _state = State.NotExists;
            else { _state = State.Failed; _error = err; }
            return;
        }
        _lstat = st;
        _mode = st.Mode;
        var isDirectory = st.IsDirectory;
        if (st.Type == NodeType.Symlink)
        {
            if (_fs.Overlay.Stat(path, true, _fs.Caller, out var target) != Errno.OK)
            {
                _state = State.BrokenLink;
                return;
            }
            isDirectory = target.IsDirectory;
            _mode = (uint)NodeType.Symlink | target.Permissions;
        }
        _state = isDirectory ? State.Directory : State.File;
    }
}
