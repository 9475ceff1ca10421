// Which metadata fields differ between the host object and the merged one at a path (same type on both sides).
// Symlink permission bits are not compared: Linux ignores them and always reports 0777 (symlink(7)). Rdev only
// means something for device nodes. Times only with DiffOptions.Times, to the nanosecond.
namespace UjailOverlay.Core.Diff;

internal sealed class MetadataComparison(LowerView lower, DiffOptions options)
{
    public void AddFields(List<string> fields, string path, NodeFacts old, NodeFacts @new, MergedNode merged)
    {
        if (old.Type != NodeType.Symlink && old.Perm != @new.Perm) fields.Add(ChangeFields.Mode);
        if (old.Uid != @new.Uid) fields.Add(ChangeFields.Owner);
        if (old.Gid != @new.Gid) fields.Add(ChangeFields.Group);
        if (old.Type is NodeType.CharDevice or NodeType.BlockDevice && old.Rdev != @new.Rdev) fields.Add(ChangeFields.Rdev);
        if (!SameXattrs(lower.Xattrs(path), MergedXattrs(merged))) fields.Add(ChangeFields.Xattrs);
        if (options.Times && old.Mtime != @new.Mtime) fields.Add(ChangeFields.Mtime);
    }

    private IReadOnlyDictionary<string, byte[]> MergedXattrs(MergedNode merged) =>
        merged.Inode?.Xattrs ?? lower.Xattrs(merged.LowerPath!);

    private static bool SameXattrs(IReadOnlyDictionary<string, byte[]> a, IReadOnlyDictionary<string, byte[]> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.AsSpan().SequenceEqual(kv.Value));
}
