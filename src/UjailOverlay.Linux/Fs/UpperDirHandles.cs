// O_PATH handles on upper directories, by their path relative to upper/, so an operation on a name does not walk
// from upper/ again (openat2 with RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS per call was ~13% of a create). Only the
// supervisor changes upper/'s namespace, so the table stays exact if it is emptied whenever a directory may have
// moved or gone (rename, tree removal). Callers get a duplicate they own and close: a handle dropped from the
// table meanwhile is never closed under them. At most Max entries; past that, lookups are simply not kept.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

internal sealed class UpperDirHandles : IDisposable
{
    private const int Max = 512;
    private readonly Dictionary<string, SafeFd> _held = new(StringComparer.Ordinal);

    /// <summary>A duplicate of the held handle for REL, or false.</summary>
    public bool TryDuplicate(string rel, out SafeFd fd)
    {
        fd = SafeFd.Adopt(-1);
        lock (_held)
        {
            if (!_held.TryGetValue(rel, out var held)) return false;
            fd = SafeFd.Adopt(Libc.fcntl(held.Fd, F_DUPFD_CLOEXEC, 0));
            return !fd.IsInvalid;
        }
    }

    /// <summary>Keeps a duplicate of FD as the handle for REL (if there is room).</summary>
    public void Keep(string rel, SafeFd fd)
    {
        lock (_held)
        {
            if (_held.Count >= Max || _held.ContainsKey(rel)) return;
            var copy = SafeFd.Adopt(Libc.fcntl(fd.Fd, F_DUPFD_CLOEXEC, 0));
            if (copy.IsInvalid) return;
            _held[rel] = copy;
        }
    }

    /// <summary>Forgets every handle (a directory was renamed or removed).</summary>
    public void Clear()
    {
        lock (_held)
        {
            foreach (var fd in _held.Values) fd.Dispose();
            _held.Clear();
        }
    }

    public void Dispose() => Clear();
}
