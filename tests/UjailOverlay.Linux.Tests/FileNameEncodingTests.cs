using System.Text;

namespace UjailOverlay.Linux.Tests;

public class FileNameEncodingTests
{
    [Theory]
    [InlineData("plain.txt")]
    [InlineData("héllo wörld ✓ 🎉")]
    [InlineData("")]
    public void Valid_utf8_decodes_as_utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Assert.Equal(s, FileNameEncoding.Decode(bytes));
        Assert.Equal(bytes, FileNameEncoding.Encode(s));
    }

    [Fact]
    public void Arbitrary_bytes_round_trip()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            var bytes = new byte[rng.Next(0, 40)];
            rng.NextBytes(bytes);
            for (int j = 0; j < bytes.Length; j++)
                if (bytes[j] == 0 || bytes[j] == (byte)'/')
                    bytes[j] = 0xff;
            var s = FileNameEncoding.Decode(bytes);
            Assert.Equal(bytes, FileNameEncoding.Encode(s));
        }
    }

    [Fact]
    public void Invalid_bytes_become_low_surrogate_escapes()
    {
        byte[] bytes = [(byte)'a', 0xff, (byte)'b', 0xc3]; // 0xc3 is a truncated two-byte sequence
        Assert.Equal("a\udcffb\udcc3", FileNameEncoding.Decode(bytes));
    }

    [Fact]
    public void Encoded_surrogate_code_points_are_escaped_not_decoded()
    {
        byte[] bytes = [0xed, 0xb2, 0x80]; // UTF-8 form of U+DC80: invalid UTF-8
        var s = FileNameEncoding.Decode(bytes);
        Assert.Equal(3, s.Length);
        Assert.Equal(bytes, FileNameEncoding.Encode(s));
    }
}
