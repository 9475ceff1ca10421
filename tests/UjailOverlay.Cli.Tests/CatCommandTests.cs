// `ujail cat` through CliApp.Run over a fake merged view: content from the upper tree when the state changed a
// file, from the host otherwise, byte for byte; symlinks followed; errors for deleted paths, directories and
// special files.
using System.Text;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class CatCommandTests
{
    private const string StateDir = "/var/lib/ujail/demo";

    [Theory]
    [InlineData("/etc/hosts", "127.0.0.1 localhost\n10.0.0.5 db\n")] // changed: from upper
    [InlineData("/usr/share/zoneinfo/UTC", "TZif2")]                 // untouched: from the host
    [InlineData("etc/localtime", "TZif2")]                           // symlink followed, relative path
    [InlineData("/opt/app/current", "#!/bin/sh\necho hi\n")]         // new symlink to a new file
    public void Prints_the_content_the_state_sees(string path, string expected)
    {
        var result = Run(WithView(ViewState.Build()), "cat", StateDir, path);

        Assert.Equal((0, expected, ""), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public void Binary_content_is_copied_byte_for_byte()
    {
        var result = Run(WithView(ViewState.Build()), "cat", StateDir, "/srv/blob.bin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ViewState.Blob, result.OutBytes);
    }

    [Theory]
    [InlineData("/etc/motd", 12, "ujail: /etc/motd: No such file or directory")]
    [InlineData("/etc", 13, "ujail: /etc: Is a directory")]
    [InlineData("/opt/app/ctl", 13, "ujail: /opt/app/ctl: not a regular file (fifo)")]
    [InlineData("/dev/null", 13, "ujail: /dev/null: not a regular file (character special file)")]
    [InlineData("/etc/hosts/", 13, "ujail: /etc/hosts/: Not a directory")]
    public void What_cannot_be_printed_is_one_line_and_its_exit_code(string path, int code, string message)
    {
        var result = Run(WithView(ViewState.Build()), "cat", StateDir, path);

        Assert.Equal((code, "", message + "\n"), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public void Reading_leaves_the_fake_upper_tree_unwritten()
    {
        var state = ViewState.Build();
        var before = state.Upper.Tree.Paths.Order(StringComparer.Ordinal).ToArray();

        Run(WithView(state), "cat", StateDir, "/etc/hosts");

        Assert.Equal(before, state.Upper.Tree.Paths.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("127.0.0.1 localhost\n10.0.0.5 db\n", Encoding.UTF8.GetString(state.Upper.Tree.Get("/etc/hosts").Content));
    }
}
