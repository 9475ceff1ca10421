// A fingerprint of host trees with everything the jail must never change: per path its type, full mode,
// owner, size, mtime, ctime (both with nanoseconds), nlink, inode number, device number, symlink target,
// SHA-256 of a regular file's content and every extended attribute with its value. Read in-process (lstat,
// readlink, l*xattr through the Linux project's interop), so a tree of tens of thousands of entries takes
// seconds, not the minutes two helper processes per path would. Two fingerprints are compared line by line
// and the first difference is reported.
//
// ctime alone would catch any write (the kernel sets it on every change and nobody can set it back), but the
// content hash and the xattr values make a difference readable and do not rely on that.
using System.Security.Cryptography;
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Jail.Tests.Kit;

public static class HostFingerprint
{
    private static readonly Lazy<HostLowerLayer> Host = new(() => new HostLowerLayer("/"));

    /// <summary>The fingerprint of ROOT (one line per path, relative to ROOT).</summary>
    public static string Take(string root) => Take(new[] { root });

    /// <summary>The fingerprint of several trees (lines carry absolute paths). A root that does not exist is
    /// recorded as absent, so its creation is a difference too. Paths under SKIP are left out (a scratch
    /// directory the test itself writes into, for instance).</summary>
    public static string Take(IEnumerable<string> roots, IEnumerable<string>? skip = null)
    {
        var rootList = roots.ToList();
        var skipped = (skip ?? []).Select(s => s.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder();
        var relative = rootList.Count == 1;
        foreach (var root in rootList)
            Walk(root, root, relative, skipped, sb);
        return sb.ToString();
    }

    private static void Walk(string root, string path, bool relative, HashSet<string> skip, StringBuilder sb)
    {
        if (skip.Contains(path)) return;
        sb.Append(relative ? Path.GetRelativePath(root, path) : path).Append(' ');
        if (HostFs.LstatAtRaw(AT_FDCWD, path, out var st) is var e && e != Errno.OK)
        {
            sb.Append("lstat:").Append(e).Append('\n');
            return;
        }
        var type = Mode.TypeOf(st.st_mode);
        sb.Append(Convert.ToString(st.st_mode, 8)).Append('|').Append(st.st_uid).Append(':').Append(st.st_gid)
          .Append('|').Append(st.st_size).Append('|').Append(st.st_mtime).Append('.').Append(st.st_mtime_nsec)
          .Append('|').Append(st.st_ctime).Append('.').Append(st.st_ctime_nsec).Append('|').Append(st.st_nlink)
          .Append('|').Append(st.st_dev).Append(':').Append(st.st_ino).Append('|').Append(st.st_rdev);
        if (type == NodeType.Symlink)
            sb.Append("|-> ").Append(HostFs.ReadLinkAt(AT_FDCWD, path, out var target) == Errno.OK ? target : "?");
        else if (type == NodeType.Regular)
            sb.Append('|').Append(Hash(path));
        AppendXattrs(path, sb);
        sb.Append('\n');
        if (type != NodeType.Directory) return;
        string[] children;
        try { children = Directory.GetFileSystemEntries(path); }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException) { sb.Append(path).Append(" list:").Append(x.GetType().Name).Append('\n'); return; }
        Array.Sort(children, StringComparer.Ordinal);
        foreach (var child in children)
            Walk(root, child, relative, skip, sb);
    }

    private static string Hash(string path)
    {
        try
        {
            // O_NOFOLLOW|O_NONBLOCK through HostFs would be stricter, but the lstat just said "regular file";
            // a path swapped for a FIFO in between is a host change the next fingerprint shows anyway.
            using var s = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 });
            return Convert.ToHexString(SHA256.HashData(s));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "unreadable"; }
    }

    private static void AppendXattrs(string path, StringBuilder sb)
    {
        if (Host.Value.ListXattrs(path, out var names) != Errno.OK || names.Count == 0) return;
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            sb.Append('|').Append(name).Append('=');
            sb.Append(Host.Value.GetXattr(path, name, out var value) == Errno.OK ? Convert.ToHexString(value) : "?");
        }
    }

    /// <summary>Null when equal, else the first differing line of each.</summary>
    public static string? Difference(string before, string after)
    {
        if (before == after) return null;
        var a = before.Split('\n');
        var b = after.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<none>";
            var y = i < b.Length ? b[i] : "<none>";
            if (x != y) return $"before: {x}\nafter:  {y}";
        }
        return "differs";
    }
}
