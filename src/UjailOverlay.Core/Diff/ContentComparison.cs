// Whether a merged regular file's content differs from the host file at the same path.
//
// Upper data (DataInUpper): the copy-up recorded the lower file's identity and SHA-256 (Origin). The content is
// unchanged only when the upper size equals the host size, the origin came from this very path, its identity
// (size, mtime, ctime, ino) still matches the host now, and the upper file hashes to Origin.Sha256. An origin
// whose identity no longer matches means the host changed after the copy-up: that is drift, reported as a
// modification with Drifted set, because the state would now replace the host's newer content. Without an origin
// hash (a file created in upper, or renamed over the host path) nothing proves equality, so it is modified.
// The host file is never read for an upper-data file: the recorded hash stands in for it.
//
// Lower data (a metadata-only copy-up, or a lower file showing through a renamed directory): content is read live
// from the lower path, so it equals the host when that path is this path; otherwise both lower files are compared
// (same inode, else size, else SHA-256).
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Diff;

internal readonly record struct ContentVerdict(bool Differs, bool Drifted);

internal sealed class ContentComparison(LowerView lower, IUpperTree upper)
{
    public ContentVerdict Compare(string path, NodeStat host, MergedNode merged, long? newSize)
    {
        if (merged.Inode is { DataInUpper: true } inode) return CompareUpper(path, host, inode, newSize);
        var source = merged.Inode is { } metaOnly ? metaOnly.LowerPath ?? path : merged.LowerPath!;
        return new ContentVerdict(source != path && LowerFilesDiffer(source, path), false);
    }

    private ContentVerdict CompareUpper(string path, NodeStat host, InodeRecord inode, long? newSize)
    {
        var origin = inode.Origin;
        var fromHere = inode.LowerPath is null || DiffPaths.Normalize(inode.LowerPath) == path;
        var drifted = origin is not null && fromHere && !SameIdentity(origin, host);
        if (drifted || newSize != host.Size || !fromHere || origin?.Sha256 is null) return new ContentVerdict(true, drifted);

        if (upper.OpenRead(DiffPaths.ToUpperRelative(path), out var stream) != Errno.OK) return new ContentVerdict(true, false);
        using (stream) return new ContentVerdict(!ContentHash.Same(ContentHash.Of(stream), origin.Sha256), false);
    }

    // Dev is left out: device numbers of some filesystems (btrfs subvolumes, NFS) change across mounts/reboots
    // while the file stays the same.
    private static bool SameIdentity(LowerIdentity origin, NodeStat host) =>
        origin.Ino == host.Ino && origin.Size == host.Size && origin.Mtime == host.Mtime && origin.Ctime == host.Ctime;

    private bool LowerFilesDiffer(string a, string b)
    {
        if (lower.Stat(a) is not { } sa || lower.Stat(b) is not { } sb) return true;
        if (sa.Dev == sb.Dev && sa.Ino == sb.Ino) return false;
        if (sa.Size != sb.Size) return true;
        return !ContentHash.Same(lower.Sha256(a), lower.Sha256(b));
    }
}
