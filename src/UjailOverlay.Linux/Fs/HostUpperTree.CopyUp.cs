// Copy-up: the lower file's content is built in work/ and renamed into place, so upper/ never holds a
// half-written file (Linux: fs/overlayfs/copy_up.c, ovl_copy_up_tmpfile/ovl_copy_up_workdir). Steps:
// resolve the target's parent (fails early, before any work), open the lower file read-only without following
// anything, create a unique 0600 temp file in work/ (O_CREAT|O_EXCL), copy with copy_file_range(2) (falling
// back to read/write when the kernel cannot: another filesystem, or a pseudo file that reports no data), hash
// what landed in the temp file with SHA-256, set the real mode, renameat2 it over the target. Any failure
// unlinks the temp file. No fsync: the state layer decides durability.
using System.Security.Cryptography;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public sealed unsafe partial class HostUpperTree
{
    private const int CopyChunk = 1 << 20;

    public Errno CopyUp(string lowerPath, string rel, out string sha256)
    {
        sha256 = "";
        var e = OpenParent(rel, out var parent, out var name);
        if (e != Errno.OK)
            return e;
        using (parent)
        {
            if ((e = OpenLowerSource(lowerPath, out var src, out var srcStat)) != Errno.OK)
                return e;
            using (src)
            {
                if ((e = CreateTemp(out var tmp, out var tmpName)) != Errno.OK)
                    return e;
                bool placed = false;
                try
                {
                    using (tmp)
                    {
                        if ((e = CopyContent(src.Fd, tmp.Fd, out var hash)) != Errno.OK)
                            return e;
                        if ((e = Libc.Check(Libc.fchmod(tmp.Fd, (srcStat.st_mode & Mode.ExecuteBits) | FileMode))) != Errno.OK)
                            return e;
                        sha256 = hash;
                    }
                    e = RenameIntoPlace(tmpName, parent.Fd, name);
                    placed = e == Errno.OK;
                    if (!placed)
                        sha256 = "";
                    return e;
                }
                finally
                {
                    if (!placed)
                        UnlinkWork(tmpName);
                }
            }
        }
    }

    private Errno OpenLowerSource(string lowerPath, out SafeFd src, out Stat st)
    {
        st = default;
        const int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY;
        Errno e;
        if (_lower is not null)
        {
            e = _lower.OpenFd(lowerPath, flags, out src, out _);
        }
        else
        {
            e = HostFs.OpenHostNoFollow(lowerPath, flags | O_NOFOLLOW | O_NOATIME, out src);
            if (e == Errno.EPERM)
                e = HostFs.OpenHostNoFollow(lowerPath, flags | O_NOFOLLOW, out src);
        }
        if (e == Errno.OK && (e = HostFs.FstatRaw(src.Fd, out st)) == Errno.OK)
        {
            var type = Mode.TypeOf(st.st_mode);
            if (type != NodeType.Regular)
                e = type == NodeType.Directory ? Errno.EISDIR : Errno.EINVAL;
        }
        if (e != Errno.OK)
            src.Dispose();
        return e;
    }

    /// <summary>A new, empty, 0600 regular file in work/ with an unused random name.</summary>
    private Errno CreateTemp(out SafeFd fd, out string name)
    {
        for (int attempt = 0; ; attempt++)
        {
            // Unique, not secret: work/ is hidden from the jail, and O_EXCL|O_NOFOLLOW refuses any name in use.
            name = $"copyup-{Random.Shared.NextInt64():x16}.tmp";
            var e = HostFs.OpenAt(_work.Fd, name, O_CREAT | O_EXCL | O_RDWR | O_NOFOLLOW, FileMode, out fd);
            if (e != Errno.EEXIST || attempt == 16)
            {
                if (e == Errno.OK && _fixModes && (e = Libc.Check(Libc.fchmod(fd.Fd, FileMode))) != Errno.OK)
                {
                    fd.Dispose();
                    UnlinkWork(name);
                }
                return e;
            }
        }
    }

    private static Errno CopyContent(int src, int dst, out string sha256)
    {
        // A pooled buffer: a fresh 1 MiB array per copy-up (zeroed, on the large object heap) made the GC a fifth
        // of the supervisor's time in a local `git clone`, which copies up every object it hard-links.
        var buf = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyChunk);
        try
        {
            return CopyContent(src, dst, buf, out sha256);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static Errno CopyContent(int src, int dst, byte[] buf, out string sha256)
    {
        sha256 = "";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long copied = 0;
        while (true)
        {
            nint n = Libc.copy_file_range(src, null, dst, null, CopyChunk, 0);
            if (n < 0)
            {
                var e = Libc.LastErrno();
                if (e == Errno.EINTR)
                    continue;
                if (copied == 0 && e is Errno.EXDEV or Errno.EINVAL or Errno.EOPNOTSUPP or Errno.ENOSYS or Errno.EBADF or Errno.EPERM)
                    return ReadWriteCopy(src, dst, buf, hash, out sha256);
                return e;
            }
            if (n == 0)
            {
                if (copied == 0) // an empty file, or a pseudo file copy_file_range cannot see into
                    return ReadWriteCopy(src, dst, buf, hash, out sha256);
                break;
            }
            copied += n;
        }
        // Hash what is now in the temp file: the content upper/ will hold.
        for (long off = 0; ; )
        {
            nint n;
            fixed (byte* b = buf)
                n = Libc.pread(dst, b, (nuint)buf.Length, off);
            if (n < 0)
            {
                var e = Libc.LastErrno();
                if (e == Errno.EINTR)
                    continue;
                return e;
            }
            if (n == 0)
                break;
            hash.AppendData(buf, 0, (int)n);
            off += n;
        }
        sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        return Errno.OK;
    }

    private static Errno ReadWriteCopy(int src, int dst, byte[] buf, IncrementalHash hash, out string sha256)
    {
        sha256 = "";
        fixed (byte* b = buf)
        {
            while (true)
            {
                nint n = Libc.read(src, b, (nuint)buf.Length);
                if (n < 0)
                {
                    var e = Libc.LastErrno();
                    if (e == Errno.EINTR)
                        continue;
                    return e;
                }
                if (n == 0)
                    break;
                hash.AppendData(buf, 0, (int)n);
                for (nint done = 0; done < n; )
                {
                    nint w = Libc.write(dst, b + done, (nuint)(n - done));
                    if (w < 0)
                    {
                        var e = Libc.LastErrno();
                        if (e == Errno.EINTR)
                            continue;
                        return e;
                    }
                    done += w;
                }
            }
        }
        sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        return Errno.OK;
    }

    private Errno RenameIntoPlace(string tmpName, int parentFd, string name)
    {
        Span<byte> s1 = stackalloc byte[CPath.ScratchSize];
        Span<byte> s2 = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(tmpName, s1, out var z1) || !CPath.TryEncode(name, s2, out var z2))
            return Errno.EINVAL;
        fixed (byte* p1 = z1)
        fixed (byte* p2 = z2)
            return Libc.Check(Libc.renameat2(_work.Fd, p1, parentFd, p2, 0));
    }

    private void UnlinkWork(string name)
    {
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (CPath.TryEncode(name, scratch, out var z))
            fixed (byte* p = z)
                Libc.unlinkat(_work.Fd, p, 0);
    }
}
