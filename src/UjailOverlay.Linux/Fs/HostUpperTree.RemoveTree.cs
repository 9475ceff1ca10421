// RemoveTree: depth-first removal on descriptors. Each directory is opened O_RDONLY|O_DIRECTORY|O_NOFOLLOW
// relative to its parent's fd, its entries are unlinked with unlinkat(dirfd, name) (never a path), and a
// symlink is removed as itself. So nothing outside upper/ can be reached, whatever was planted inside.
// Entries that vanish meanwhile (ENOENT) are fine; the recursion holds one fd per level.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public sealed unsafe partial class HostUpperTree
{
    /// <summary>Removes rel and everything beneath it; ENOENT is success. "" empties upper/ but keeps it.</summary>
    public Errno RemoveTree(string rel)
    {
        try { return RemoveTreeAt(rel); }
        finally { _dirs.Clear(); } // directories beneath rel are gone: no held handle may name them
    }

    private Errno RemoveTreeAt(string rel)
    {
        if (rel.Length == 0)
        {
            var e0 = HostFs.OpenAt2(_upper.Fd, "", O_RDONLY | O_DIRECTORY, 0, Resolve, out var root);
            if (e0 != Errno.OK)
                return e0;
            using (root)
                return RemoveChildren(root.Fd);
        }
        var e = OpenParent(rel, out var parent, out var name);
        if (e == Errno.ENOENT)
            return Errno.OK;
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            e = RemoveEntry(parent.Fd, name, null);
            return e == Errno.ENOENT ? Errno.OK : e;
        }
    }

    /// <summary>Removes dirfd/name, recursing when it is a directory. type may be unknown (null).</summary>
    private static Errno RemoveEntry(int dirfd, string name, NodeType? type)
    {
        if (type is null)
        {
            var e = HostFs.LstatAtRaw(dirfd, name, out var st);
            if (e != Errno.OK)
                return e;
            type = Mode.TypeOf(st.st_mode);
        }
        if (type != NodeType.Directory)
            return UnlinkAt(dirfd, name, 0);

        var oe = HostFs.OpenAt(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0, out var sub);
        if (oe is Errno.ENOTDIR or Errno.ELOOP)
            return UnlinkAt(dirfd, name, 0); // replaced by a non-directory since the lstat
        if (oe != Errno.OK)
            return oe;
        using (sub)
        {
            var e = RemoveChildren(sub.Fd);
            if (e != Errno.OK)
                return e;
        }
        return UnlinkAt(dirfd, name, AT_REMOVEDIR);
    }

    private static Errno RemoveChildren(int dirfd)
    {
        // Read everything first: removing while reading may make getdents64 skip entries.
        while (true)
        {
            var entries = new List<RawDirEntry>();
            var e = DirectoryReader.ReadAll(dirfd, entries);
            if (e != Errno.OK)
                return e;
            if (entries.Count == 0)
                return Errno.OK;
            foreach (var entry in entries)
            {
                e = RemoveEntry(dirfd, entry.NameString, DirectoryReader.TypeOf(entry.Type));
                if (e != Errno.OK && e != Errno.ENOENT)
                    return e;
            }
            // Rewind and check again: something may have been created meanwhile.
            if (Libc.Check(LseekStart(dirfd)) != Errno.OK)
                return Errno.OK;
        }
    }

    private static long LseekStart(int fd) => Libc.lseek(fd, 0, 0 /* SEEK_SET */);

    private static Errno UnlinkAt(int dirfd, string name, int flags)
    {
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(name, scratch, out var z))
            return Errno.EINVAL;
        fixed (byte* p = z)
            return Libc.Check(Libc.unlinkat(dirfd, p, flags));
    }
}
