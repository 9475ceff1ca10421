// NUL-terminated byte strings for system calls, built from file names in their string form
// (FileNameEncoding). A short name is encoded into the caller's stack scratch; a long one into a new array.
// A name containing NUL is refused: the kernel would silently cut it there and act on another name.
namespace UjailOverlay.Linux;

internal static class CPath
{
    /// <summary>Size of the stack scratch callers pass (names longer than a third of it go to the heap).</summary>
    public const int ScratchSize = 768;

    /// <summary>Encodes name plus a NUL. False (EINVAL for the caller) if name contains NUL.</summary>
    public static bool TryEncode(string name, Span<byte> scratch, out ReadOnlySpan<byte> z)
    {
        if (name.Contains('\0'))
        {
            z = default;
            return false;
        }
        int max = FileNameEncoding.MaxByteCount(name) + 1;
        Span<byte> dst = max <= scratch.Length ? scratch : new byte[max];
        int n = FileNameEncoding.EncodeInto(name, dst);
        dst[n] = 0;
        z = dst[..(n + 1)];
        return true;
    }

    /// <summary>A NUL-terminated copy on the heap (for calls off the hot path).</summary>
    public static byte[] Of(string name)
    {
        if (name.Contains('\0')) throw new ArgumentException("a path cannot contain NUL", nameof(name));
        var bytes = new byte[FileNameEncoding.MaxByteCount(name) + 1];
        var n = FileNameEncoding.EncodeInto(name, bytes);
        bytes[n] = 0;
        return bytes[..(n + 1)];
    }

    /// <summary>Appends a NUL to raw name bytes (false if they contain NUL).</summary>
    public static bool TryTerminate(ReadOnlySpan<byte> name, Span<byte> scratch, out ReadOnlySpan<byte> z)
    {
        if (name.Contains((byte)0))
        {
            z = default;
            return false;
        }
        Span<byte> dst = name.Length + 1 <= scratch.Length ? scratch : new byte[name.Length + 1];
        name.CopyTo(dst);
        dst[name.Length] = 0;
        z = dst[..(name.Length + 1)];
        return true;
    }
}
