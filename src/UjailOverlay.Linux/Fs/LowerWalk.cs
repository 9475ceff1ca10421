// How HostLowerLayer reaches the parent directory of a path without following anything and without letting
// another spelling reach a hidden directory.
//
// Slow walk (always correct): one openat2(O_PATH|O_DIRECTORY, RESOLVE_BENEATH|NO_SYMLINKS|NO_MAGICLINKS) per
// component, each directory's (dev, ino) checked against the hidden identities.
//
// Fast walk (one openat2 for the whole parent path, adding RESOLVE_NO_XDEV): it never leaves the root's
// mount. Within one mount a directory has exactly one path (directories have one parent and no hard links),
// so if every hidden directory is either reachable from the root without crossing a mount at its canonical
// path (then the spelling check covers it), or on another device of a filesystem without subvolumes (then
// it is not in the root's mount at all), no fast walk can pass through a hidden directory. When that holds
// the fast walk is used, and EXDEV (a mount crossed) falls back to the slow walk.
using UjailOverlay.Core;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public sealed partial class HostLowerLayer
{
    private readonly bool _fastWalkSafe;
    private readonly LowerDirCache _dirs = new();

    /// <summary>Normalizes path, refuses hidden spellings, and opens the parent of the final component
    /// (O_PATH). name is the final component ("." for the root).</summary>
    private Errno Resolve(string path, out LowerDir parent, out string name, out string hostPath)
    {
        parent = default;
        name = ".";
        hostPath = "/";
        if (!HostPaths.TryNormalizeAbsolute(path, out var norm))
            return Errno.EINVAL;
        hostPath = Map(norm);
        if (_hidden.HidesPath(hostPath))
            return Errno.ENOENT;
        string parentRel = "";
        if (norm != "/")
        {
            int slash = norm.LastIndexOf('/');
            parentRel = slash == 0 ? "" : norm[1..slash];
            name = norm[(slash + 1)..];
        }

        if (_dirs.TryGet(parentRel, out parent))
            return Errno.OK;
        var e = WalkToParent(parentRel, out var fd);
        if (e != Errno.OK)
        {
            fd.Dispose();
            return e;
        }
        parent = _dirs.Keep(parentRel, fd);
        return Errno.OK;
    }

    /// <summary>Opens the directory at parentRel (relative to the root) by the fast or the slow walk.</summary>
    private Errno WalkToParent(string parentRel, out SafeFd parent)
    {
        Errno e;
        if (_fastWalkSafe || _hidden.Identities.Count == 0)
        {
            e = HostFs.OpenAt2(_root.Fd, parentRel, O_PATH | O_DIRECTORY, 0, HostFs.ResolveBeneathNoLinks | RESOLVE_NO_XDEV, out parent);
            if (e != Errno.EXDEV)
                return e == Errno.ELOOP ? Errno.ENOTDIR : e;
            if (_hidden.Identities.Count == 0)
            {
                // Nothing to check per directory: one call without the mount restriction.
                e = HostFs.OpenAt2(_root.Fd, parentRel, O_PATH | O_DIRECTORY, 0, HostFs.ResolveBeneathNoLinks, out parent);
                return e == Errno.ELOOP ? Errno.ENOTDIR : e;
            }
        }
        return SlowWalk(parentRel, out parent);
    }

    private Errno SlowWalk(string parentRel, out SafeFd parent)
    {
        var e = HostFs.OpenAt2(_root.Fd, "", O_PATH | O_DIRECTORY, 0, HostFs.ResolveBeneathNoLinks, out var cur);
        if (e != Errno.OK)
        {
            parent = cur;
            return e;
        }
        if (parentRel.Length > 0)
        {
            foreach (var component in parentRel.Split('/'))
            {
                e = HostFs.OpenAt2(cur.Fd, component, O_PATH | O_DIRECTORY, 0, HostFs.ResolveBeneathNoLinks, out var next);
                cur.Dispose();
                cur = next;
                if (e == Errno.OK && (e = HostFs.FstatRaw(cur.Fd, out var st)) == Errno.OK && _hidden.HidesId(st.st_dev, st.st_ino))
                    e = Errno.ENOENT;
                if (e != Errno.OK)
                {
                    cur.Dispose();
                    parent = SafeFd.Adopt(-1);
                    return e == Errno.ELOOP ? Errno.ENOTDIR : e;
                }
            }
        }
        parent = cur;
        return Errno.OK;
    }

    private bool ComputeFastWalkSafe()
    {
        if (HostFs.FstatRaw(_root.Fd, out var rootSt) != Errno.OK)
            return false;
        foreach (var id in _hidden.Identities)
        {
            if (ReachableWithoutCrossing(id))
                continue;
            if (id.Dev != rootSt.st_dev && !id.SubvolumeFs)
                continue;
            return false;
        }
        return true;
    }

    private bool ReachableWithoutCrossing(HiddenSet.Identity id)
    {
        if (!HostPaths.IsAtOrBeneath(id.Canonical, _rootPath))
            return false;
        string rel = _rootPath == "/" ? id.Canonical[1..] : id.Canonical[_rootPath.Length..].TrimStart('/');
        if (HostFs.OpenAt2(_root.Fd, rel, O_PATH, 0, HostFs.ResolveBeneathNoLinks | RESOLVE_NO_XDEV, out var fd) != Errno.OK)
        {
            fd.Dispose();
            return false;
        }
        using (fd)
            return HostFs.FstatRaw(fd.Fd, out var st) == Errno.OK && st.st_dev == id.Dev && st.st_ino == id.Ino;
    }
}
