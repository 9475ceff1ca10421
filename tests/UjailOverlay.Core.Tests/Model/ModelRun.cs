// One model iteration: fresh temp dirs (lower/, upper/, work/, reference/), the seed built into lower/ and
// reference/, an overlay over lower/ + upper/, then each operation applied to both sides. After every operation
// the two outcomes (errno, and what a read/stat/readlink returned) must be equal; every CompareEvery operations
// and at the end the full views must be equal; and at the end lower/ must match its fingerprint from before the
// overlay existed (the host is never modified: content, modes, owners, xattrs, inode numbers, link counts, and
// mtime, ctime and atime; a symlink's atime excepted, as readlink(2), the fingerprint's too, has no O_NOATIME).
using System.Collections.Concurrent;
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.Core.Tests.Model;

/// <summary>Where and how a sequence failed: Index is the operation after which it did (-1: before any).</summary>
internal sealed record ModelFailure(int Index, string What)
{
    public string Render(IReadOnlyList<ModelOp> ops)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i <= Index && i < ops.Count; i++) sb.AppendLine($"  {i + 1,3}. {ops[i]}");
        if (Index < ops.Count - 1) sb.AppendLine($"       ({ops.Count - Index - 1} more operations not run)");
        sb.Append(What);
        return sb.ToString();
    }
}

internal static class ModelRun
{
    public const int CompareEvery = 10;

    /// <summary>Runs one sequence; null when both sides agreed throughout. hits counts known divergences met;
    /// with tolerateKnown false, a known divergence fails like any other (KnownIssues.cs).</summary>
    public static ModelFailure? Run(IReadOnlyList<ModelOp> ops, ModelSettings settings, int compareEvery = CompareEvery,
        ConcurrentDictionary<string, long>? hits = null, bool tolerateKnown = true)
    {
        var (who, xattrs) = (settings.Who, settings.Xattrs);
        var baseDir = settings.NewTempDir("ujail-model-");
        try
        {
            string Dir(string name) => Directory.CreateDirectory(Path.Combine(baseDir, name)).FullName;
            var (lower, upper, work, refDir) = (Dir("lower"), Dir("upper"), Dir("work"), Dir("reference"));
            SeedTree.Build(lower, who, xattrs);
            SeedTree.Build(refDir, who, xattrs);
            var fingerprint = Fingerprint(lower);

            using var overlay = new OverlayUnderTest(lower, upper, work, who.Context());
            using var reference = new ReferenceTree(refDir);
            var refSide = new ReferenceSide(reference);
            var ovlSide = new OverlaySide(overlay);
            if (CompareViews(refSide, ovlSide, -1, []) is { } f0) return f0;
            reference.Stat("/h1", false, out var pair);
            var probe = new ReferenceProbe(reference, (pair.Dev, pair.Ino), who.IsRoot);
            // truncate(2) to a file's own size: ext4 sets mtime, tmpfs does not (POSIX: only if the size changed).
            var fsDecidesMtime = new HashSet<(ulong, ulong)>();

            for (var i = 0; i < ops.Count; i++)
            {
                if (tolerateKnown && KnownDivergences.Avoided(ops[i], probe) is { } avoided)
                {
                    hits?.AddOrUpdate(avoided.Id + " (operation not run)", 1, (_, n) => n + 1);
                    continue;
                }
                var sameSize = ops[i].Kind == OpKind.Truncate && probe.Stat(ops[i].Path, true) is { Type: NodeType.Regular } ts
                    && ts.Size == ops[i].Length ? ts : null;
                var expected = reference.Apply(ops[i]);
                Outcome actual;
                try { actual = overlay.Apply(ops[i]); }
                catch (Exception ex) { return new(i, $"overlay threw: {ex}"); }
                if (sameSize is not null && expected.Errno == Errno.OK) fsDecidesMtime.Add((sameSize.Dev, sameSize.Ino));
                if (ops[i].Kind == OpKind.Stat && expected.Errno == Errno.OK && probe.Stat(ops[i].Path, ops[i].Follow) is { } target
                    && fsDecidesMtime.Contains((target.Dev, target.Ino)))
                    (expected, actual) = (expected with { Detail = View.WithoutMtime(expected.Detail) }, actual with { Detail = View.WithoutMtime(actual.Detail) });
                if (expected != actual && tolerateKnown && KnownDivergences.Explained(ops[i], expected, actual, probe) is { } known)
                    hits?.AddOrUpdate(known.Id + " (errno only)", 1, (_, n) => n + 1);
                else if (expected != actual)
                    return new(i, $"outcome differs:\n  reference: {expected}\n  overlay:   {actual}");
                if ((i + 1) % compareEvery == 0 || i == ops.Count - 1)
                    if (CompareViews(refSide, ovlSide, i, fsDecidesMtime) is { } f) return f;
            }
            var after = Fingerprint(lower);
            if (View.Diff(fingerprint, after, "before", "after") is { Length: > 0 } changed)
                return new(ops.Count - 1, "the lower tree (the host) changed:\n" + changed);
            return null;
        }
        finally
        {
            RemoveTree(baseDir);
        }
    }

    /// <summary>Compares the full views; mtimes of the reference inodes in fsDecidesMtime are left out on both sides.</summary>
    private static ModelFailure? CompareViews(ITreeSide reference, ITreeSide overlay, int index, HashSet<(ulong, ulong)> fsDecidesMtime)
    {
        var vague = new HashSet<string>(StringComparer.Ordinal);
        var expected = View.Snapshot(reference, hideMtime: (p, st) => fsDecidesMtime.Contains((st.Dev, st.Ino)) && vague.Add(p));
        List<string> actual;
        try { actual = View.Snapshot(overlay, hideMtime: (p, _) => vague.Contains(p)); }
        catch (Exception ex) { return new(index, $"overlay threw while viewing the tree: {ex}"); }
        var diff = View.Diff(expected, actual);
        return diff.Length == 0 ? null : new(index, "views differ:\n" + diff);
    }

    private static List<string> Fingerprint(string lower)
    {
        using var tree = new ReferenceTree(lower) { NoAtime = true };
        return View.Snapshot(new ReferenceSide(tree), full: true);
    }

    /// <summary>Deletes a temp tree whose directories may have lost their owner's write or search bits.</summary>
    private static void RemoveTree(string dir)
    {
        try
        {
            MakeRemovable(new DirectoryInfo(dir));
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void MakeRemovable(DirectoryInfo dir)
    {
        Sys.Chmod(dir.FullName, 0x1C0); // 0700
        foreach (var sub in dir.EnumerateDirectories())
            if (sub.LinkTarget is null) MakeRemovable(sub);
    }
}
