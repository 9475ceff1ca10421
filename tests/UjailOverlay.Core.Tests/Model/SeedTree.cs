// The small tree every model iteration starts from, built identically (content, modes, owners, xattrs, times)
// into lower/ and reference/: files with content, an empty file, a read-only file, a set-user-ID file, a
// hard-linked pair across directories, nested directories, an empty directory, a set-group-ID directory, a
// sticky world-writable directory, a read-only directory, and symlinks (to a directory, dangling, absolute,
// and relative with ".."). Owners other than the caller only when running as root. Every time is explicit
// (before View.ExplicitTimeLimit), so mtimes compare until an operation sets them to "now".
using System.Text;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Core.Tests.Model;

internal static class SeedTree
{
    private enum Kind { File, Dir, Symlink, HardLink }

    private sealed record Entry(string Path, Kind Kind, uint Mode = 0, string Data = "", uint Uid = 0, uint Gid = 0);

    // Paths are relative to the tree root; Data is content, symlink target, or the hard link's existing name.
    private static readonly Entry[] Entries =
    [
        new("a", Kind.File, 0x1A4 /* 0644 */, "alpha"),
        new("b", Kind.File, 0x1A0 /* 0640 */, "bravo\n", 1000, 1000),
        new("ro", Kind.File, 0x124 /* 0444 */, "read-only"),
        new("suid", Kind.File, 0x9ED /* 04755 */, "#!/bin/true\n"),
        new("d", Kind.Dir, 0x1ED /* 0755 */),
        new("d/e", Kind.File, 0x1A4, "echo"),
        new("d/f", Kind.File, 0x180 /* 0600 */, ""),
        new("d/g", Kind.Dir, 0x1ED),
        new("d/g/h", Kind.File, 0x1A4, "hotel"),
        new("h1", Kind.File, 0x1A4, "linked"),
        new("d/h2", Kind.HardLink, 0, "h1"),
        new("sg", Kind.Dir, 0x5FD /* 02775 */, "", 0, 100),
        new("sg/x", Kind.File, 0x1B4 /* 0664 */, "x", 0, 100),
        new("st", Kind.Dir, 0x3FF /* 01777 */, "", 1000, 1000),
        new("st/s", Kind.File, 0x1B6 /* 0666 */, "sticky", 1000, 1000),
        new("rd", Kind.Dir, 0x16D /* 0555 */),
        new("rd/k", Kind.File, 0x1A4, "kilo"),
        new("e", Kind.Dir, 0x1ED),
        new("link", Kind.Symlink, 0, "d"),
        new("dl", Kind.Symlink, 0, "nowhere"),
        new("al", Kind.Symlink, 0, "/d/e"),
        new("d/up", Kind.Symlink, 0, "../a"),
    ];

    public static readonly Timespec SeedTime = new(1_000_000_000, 0);

    /// <summary>Builds the seed under root (an existing empty directory).</summary>
    public static void Build(string root, Identity who, bool xattrs)
    {
        foreach (var e in Entries)
        {
            var p = Path.Combine(root, e.Path);
            switch (e.Kind)
            {
                case Kind.File: File.WriteAllBytes(p, Encoding.UTF8.GetBytes(e.Data)); break;
                case Kind.Dir: Directory.CreateDirectory(p); break;
                case Kind.Symlink: Check(Sys.Symlinkat(e.Data, Sys.AT_FDCWD, p), p); break;
                case Kind.HardLink: Check(Sys.Linkat(Sys.AT_FDCWD, Path.Combine(root, e.Data), Sys.AT_FDCWD, p, 0), p); break;
            }
        }
        // Owners first (chown clears set-user-ID), then modes, xattrs, and last the times, deepest first.
        foreach (var e in Entries.Where(e => e.Kind != Kind.HardLink))
        {
            var p = Path.Combine(root, e.Path);
            var (uid, gid) = who.IsRoot ? (e.Uid, e.Gid) : (who.Uid, who.Gid);
            Check(Sys.Chown(p, uid, gid, Uapi.AT_SYMLINK_NOFOLLOW), p);
            if (e.Kind is Kind.File or Kind.Dir) Check(Sys.Chmod(p, e.Mode), p);
        }
        Check(Sys.Chmod(root, 0x1ED), root);
        if (xattrs)
        {
            Check(Sys.SetXattr(Path.Combine(root, "a"), "user.seed", "1"u8.ToArray(), 0), "a");
            Check(Sys.SetXattr(Path.Combine(root, "d"), "user.dir", "dx"u8.ToArray(), 0), "d");
        }
        foreach (var e in Entries.OrderByDescending(e => e.Path.Count(c => c == '/')))
            Check(Sys.Utimens(Path.Combine(root, e.Path), SeedTime, SeedTime, Uapi.AT_SYMLINK_NOFOLLOW), e.Path);
        Check(Sys.Utimens(root, SeedTime, SeedTime, 0), root);
    }

    /// <summary>Whether the file system under dir keeps user.* extended attributes.</summary>
    public static bool SupportsUserXattrs(string dir)
    {
        var probe = Path.Combine(dir, "xattr-probe");
        File.WriteAllText(probe, "");
        try { return Sys.SetXattr(probe, "user.probe", "1"u8.ToArray(), 0) == Errno.OK; }
        finally { File.Delete(probe); }
    }

    private static void Check(Errno e, string what)
    {
        if (e != Errno.OK) throw new IOException($"seed tree: {what}: {e}");
    }
}
