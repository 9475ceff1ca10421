// Held O_PATH handles on lower directories, so that a lookup in the host's tree costs one fstatat(2) beneath a
// held parent instead of a fresh openat2(2) walk from the root (plus close) for every component of every path:
// the stat storms of find, ls -R or a compiler's include search are mostly such lookups.
//
// Entries are made only by the safe walks of LowerWalk.cs (no symlink, magic link or hidden directory on the
// way), so a held handle is as trustworthy as a fresh one. What a held handle cannot see is a host process
// renaming or deleting that directory (or an ancestor) behind the jail's back: the handle still names the old
// directory. Kernel overlayfs leaves changes to its lower layer undefined; here an entry is reused for at most
// MaxAgeMs, after which the path is walked again, so such a change shows within that time. The tracee cannot
// cause one: it never writes to the host.
//
// A handle handed out is reference-counted (SafeHandle AddRef), so eviction by another thread never closes a
// descriptor that is still in use.
using UjailOverlay.Core;

namespace UjailOverlay.Linux.Fs;

internal sealed class LowerDirCache
{
    public const long MaxAgeMs = 1000;
    private const int Capacity = 1024;

    private readonly Dictionary<string, (SafeFd Fd, long Stamp, NodeStat? Stat)> _entries = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    /// <summary>A held handle on the directory at parentRel, younger than MaxAgeMs, or false.</summary>
    public bool TryGet(string parentRel, out LowerDir dir)
    {
        dir = default;
        lock (_lock)
        {
            if (!_entries.TryGetValue(parentRel, out var entry))
                return false;
            if (Environment.TickCount64 - entry.Stamp > MaxAgeMs)
            {
                _entries.Remove(parentRel);
                entry.Fd.Dispose();
                return false;
            }
            dir = LowerDir.Shared(entry.Fd);
            return true;
        }
    }

    /// <summary>The lstat of the held directory at rel, when it was held with one and is young enough.</summary>
    public bool TryGetStat(string rel, out NodeStat stat)
    {
        stat = null!;
        lock (_lock)
        {
            if (!_entries.TryGetValue(rel, out var entry) || entry.Stat is null || Environment.TickCount64 - entry.Stamp > MaxAgeMs)
                return false;
            stat = entry.Stat;
            return true;
        }
    }

    /// <summary>Keeps fd (which the cache now owns) for parentRel, with the directory's lstat when known, and
    /// returns a reference for the caller.</summary>
    public LowerDir Keep(string parentRel, SafeFd fd, NodeStat? stat = null)
    {
        lock (_lock)
        {
            if (_entries.Count >= Capacity)
            {
                foreach (var (_, old) in _entries) old.Fd.Dispose();
                _entries.Clear();
            }
            if (_entries.Remove(parentRel, out var replaced))
                replaced.Fd.Dispose();
            _entries[parentRel] = (fd, Environment.TickCount64, stat);
            return LowerDir.Shared(fd);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            foreach (var (_, e) in _entries) e.Fd.Dispose();
            _entries.Clear();
        }
    }
}

/// <summary>A lower directory handle for one operation: either owned (closed on Dispose) or a reference on a
/// cached handle (released on Dispose).</summary>
internal readonly struct LowerDir : IDisposable
{
    private readonly SafeFd? _fd;
    private readonly bool _shared;

    private LowerDir(SafeFd fd, bool shared)
    {
        _fd = fd;
        _shared = shared;
    }

    public static LowerDir Owned(SafeFd fd) => new(fd, false);

    public static LowerDir Shared(SafeFd fd)
    {
        var added = false;
        fd.DangerousAddRef(ref added);
        return new LowerDir(fd, true);
    }

    public int Fd => _fd?.Fd ?? -1;

    public void Dispose()
    {
        if (_fd is null) return;
        if (_shared) _fd.DangerousRelease();
        else _fd.Dispose();
    }
}
