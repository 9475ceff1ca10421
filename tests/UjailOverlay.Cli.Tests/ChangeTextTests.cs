// The shared wording of diff output: path quoting, octal modes, RFC 3339 times with nanoseconds.
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Core;
using Xunit;

namespace UjailOverlay.Cli.Tests;

public sealed class ChangeTextTests
{
    [Theory]
    [InlineData("/etc/hosts", "/etc/hosts")]
    [InlineData("/srv/caf\u00e9 menu", "/srv/caf\u00e9 menu")]
    [InlineData("/a\nb", "\"/a\\nb\"")]
    [InlineData("/tab\there", "\"/tab\\there\"")]
    [InlineData("/say \"hi\"", "\"/say \\\"hi\\\"\"")]
    [InlineData("/back\\slash", "\"/back\\\\slash\"")]
    [InlineData("/bell\u0007", "\"/bell\\x07\"")]
    public void Paths_are_quoted_only_when_they_would_break_a_line(string path, string shown)
    {
        Assert.Equal(shown, ChangeText.DisplayPath(path));
    }

    [Theory]
    [InlineData(0x1A4u, "0644")]
    [InlineData(0x9EDu, "4755")]
    [InlineData(0x3FFu, "1777")]
    [InlineData(0u, "0000")]
    [InlineData(0x81A4u, "0644")] // type bits are not permission bits
    public void Modes_are_four_octal_digits(uint mode, string text)
    {
        Assert.Equal(text, ChangeText.Octal(mode));
    }

    [Fact]
    public void Times_keep_nanoseconds()
    {
        Assert.Equal("2023-11-14T22:13:20.000000007Z", ChangeText.Time(new Timespec(1_700_000_000, 7)));
        Assert.Equal("1970-01-01T00:00:00.000000000Z", ChangeText.Time(new Timespec(0, 0)));
    }
}
