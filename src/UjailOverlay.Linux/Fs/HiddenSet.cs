// The host paths the lower layer must not show (the state directory): each is known by its spellings (the
// normalized path as given, and the canonical path the kernel reports for it) and by its identity (dev, ino),
// so a spelling not foreseen here (a bind mount, a case-folding directory) is still caught when the walk meets
// the directory itself. The given paths are trusted configuration, so symlinks in them are followed once, here.
using UjailOverlay.Core;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

internal sealed class HiddenSet
{
    private readonly List<string> _prefixes = [];
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<Identity> _ids = [];

    /// <summary>Filesystem magics whose subvolumes change st_dev without a mount (linux/magic.h).</summary>
    private const long BTRFS_SUPER_MAGIC = 0x9123683E, BCACHEFS_SUPER_MAGIC = 0xca451a4e;

    internal readonly record struct Identity(ulong Dev, ulong Ino, string Canonical, bool SubvolumeFs);

    public HiddenSet(IEnumerable<string> hostPaths)
    {
        foreach (var given in hostPaths)
        {
            if (!HostPaths.TryNormalizeAbsolute(given, out var norm))
                throw new ArgumentException($"hidden path must be absolute: {given}", nameof(hostPaths));
            AddSpelling(norm);
            if (HostFs.OpenAt2(AT_FDCWD, norm, O_PATH, 0, 0, out var fd) != Errno.OK)
            {
                fd.Dispose();
                continue; // not there (yet): only its spelling can be checked
            }
            using (fd)
            {
                if (HostFs.FstatRaw(fd.Fd, out var st) != Errno.OK)
                    continue;
                string canonical = norm;
                if (HostFs.FdPath(fd.Fd, out var p) == Errno.OK && p.StartsWith('/') && !p.EndsWith(" (deleted)")
                    && HostPaths.TryNormalizeAbsolute(p, out var c))
                {
                    canonical = c;
                    AddSpelling(c);
                }
                _ids.Add(new Identity(st.st_dev, st.st_ino, canonical, IsSubvolumeFs(fd.Fd)));
            }
        }
    }

    public IReadOnlyList<string> Prefixes => _prefixes;

    public IReadOnlyList<Identity> Identities => _ids;

    public bool IsEmpty => _prefixes.Count == 0;

    /// <summary>The host path is a hidden path or beneath one.</summary>
    public bool HidesPath(string hostPath)
    {
        foreach (var p in _prefixes)
            if (HostPaths.IsAtOrBeneath(hostPath, p))
                return true;
        return false;
    }

    /// <summary>The entry name of directory dirHostPath is itself a hidden path.</summary>
    public bool HidesChild(string dirHostPath, string name) =>
        _exact.Contains(dirHostPath == "/" ? "/" + name : dirHostPath + "/" + name);

    public bool HidesId(ulong dev, ulong ino)
    {
        foreach (var id in _ids)
            if (id.Dev == dev && id.Ino == ino)
                return true;
        return false;
    }

    private void AddSpelling(string norm)
    {
        if (_exact.Add(norm))
            _prefixes.Add(norm);
    }

    private static unsafe bool IsSubvolumeFs(int fd)
    {
        Interop.Statfs sfs;
        if (Interop.Libc.fstatfs(fd, &sfs) != 0)
            return true; // unknown: assume the worst
        return sfs.f_type == BTRFS_SUPER_MAGIC || sfs.f_type == BCACHEFS_SUPER_MAGIC;
    }
}
