// File names on Linux are bytes, not text. The overlay's ports carry names as strings, so this encoding maps
// bytes to strings losslessly: valid UTF-8 decodes as usual, and each byte that is not part of valid UTF-8
// becomes the lone low surrogate U+DC80..U+DCFF (the "surrogateescape" scheme of PEP 383). Encoding reverses
// it, so Encode(Decode(b)) == b for every byte string. Valid UTF-8 never decodes to a lone surrogate, which
// is what makes the escape unambiguous. Other lone surrogates (not produced here) encode as WTF-8.
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace UjailOverlay.Linux;

public static class FileNameEncoding
{
    /// <summary>Decodes a file name's bytes (without a terminating NUL) to its string form.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
            return Encoding.UTF8.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out int consumed);
            if (status == OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                sb.Append((char)(0xDC00 | bytes[0])); // bytes[0] >= 0x80: ASCII is always valid
                bytes = bytes[1..];
            }
        }
        return sb.ToString();
    }

    /// <summary>The bytes of a name in its string form (no NUL appended).</summary>
    public static byte[] Encode(string name)
    {
        var buf = new byte[MaxByteCount(name)];
        int n = EncodeInto(name, buf);
        return n == buf.Length ? buf : buf.AsSpan(0, n).ToArray();
    }

    /// <summary>Upper bound of the encoded length (3 bytes per UTF-16 unit).</summary>
    public static int MaxByteCount(string name) => name.Length * 3;

    /// <summary>Encodes into dst (at least MaxByteCount bytes) and returns the length.</summary>
    public static int EncodeInto(ReadOnlySpan<char> name, Span<byte> dst)
    {
        if (Utf8.FromUtf16(name, dst, out int read, out int written, replaceInvalidSequences: false)
            == OperationStatus.Done)
            return written;
        // Slow path from the first lone surrogate on.
        name = name[read..];
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(name, out var rune, out int consumed);
            if (status == OperationStatus.Done)
            {
                written += rune.EncodeToUtf8(dst[written..]);
                name = name[consumed..];
                continue;
            }
            char c = name[0];
            if (c >= 0xDC80 && c <= 0xDCFF)
            {
                dst[written++] = (byte)(c & 0xFF);
            }
            else
            {
                // WTF-8: the three-byte form of the surrogate code point.
                dst[written++] = (byte)(0xE0 | (c >> 12));
                dst[written++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                dst[written++] = (byte)(0x80 | (c & 0x3F));
            }
            name = name[1..];
        }
        return written;
    }
}
