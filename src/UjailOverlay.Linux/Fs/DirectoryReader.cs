// Reads a whole directory with getdents64(2) from an fd opened O_RDONLY|O_DIRECTORY. Entries come back in
// the kernel's order, "." and ".." dropped, names as raw bytes (FileNameEncoding gives the string form).
using UjailOverlay.Core;
using UjailOverlay.Linux.Emulation;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Fs;

/// <summary>One entry as the kernel reported it; Type is a DT_* value (DT_UNKNOWN on some filesystems).</summary>
public readonly record struct RawDirEntry(byte[] Name, ulong Ino, byte Type)
{
    public string NameString => FileNameEncoding.Decode(Name);
}

public static unsafe class DirectoryReader
{
    private const int BufferSize = 32 * 1024;

    public static Errno ReadAll(int dirfd, List<RawDirEntry> entries)
    {
        var buf = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            return ReadAll(dirfd, entries, buf);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static Errno ReadAll(int dirfd, List<RawDirEntry> entries, byte[] buf)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = buf)
                n = Libc.getdents64(dirfd, p, (nuint)buf.Length);
            if (n < 0)
            {
                var e = Libc.LastErrno();
                if (e == Errno.EINTR)
                    continue;
                return e;
            }
            if (n == 0)
                return Errno.OK;
            foreach (var rec in Dirents.Parse(buf.AsSpan(0, (int)n)))
            {
                var name = rec.Name;
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                    continue;
                entries.Add(new RawDirEntry(name.ToArray(), rec.Ino, rec.Type));
            }
        }
    }

    /// <summary>The node type for a DT_* value, or null for DT_UNKNOWN (the caller then lstats).</summary>
    public static NodeType? TypeOf(byte dtype) => dtype == Uapi.DT_UNKNOWN || dtype == Uapi.DT_WHT
        ? null
        : (NodeType)((uint)dtype << 12);
}
