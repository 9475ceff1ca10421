// `ujail stat` through CliApp.Run over a fake merged view: the stat(1) layout, -L, device numbers, --json
// (schema ujail-stat/1), errors.
using System.Text.Json;
using Snapshooter.Xunit;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class StatCommandTests
{
    private const string StateDir = "/var/lib/ujail/demo";

    [Fact]
    public void Shows_what_stat_1_shows()
    {
        var result = Run(WithView(ViewState.Build()), "stat", StateDir, "/opt/app/run.sh");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void A_symlink_is_shown_itself_unless_dereferenced()
    {
        var state = ViewState.Build();

        var link = Run(WithView(state), "stat", StateDir, "/etc/localtime").Out;
        var target = Run(WithView(state), "stat", StateDir, "/etc/localtime", "-L").Out;

        Assert.StartsWith("  File: /etc/localtime -> /usr/share/zoneinfo/UTC\n  Size: 23 ", link);
        Assert.Contains("symbolic link\n", link);
        Assert.Contains("Access: (0777/lrwxrwxrwx)  Uid: (    0)   Gid: (    0)\n", link);
        Assert.StartsWith("  File: /etc/localtime\n  Size: 5 ", target);
        Assert.Contains("regular file\n", target);
    }

    [Fact]
    public void A_device_shows_its_device_type()
    {
        var result = Run(WithView(ViewState.Build()), "stat", StateDir, "/dev/null");

        Assert.Contains("character special file\n", result.Out);
        Assert.Matches(@"(?m)^Device: 8,1\tInode: \d+ +Links: 1 +Device type: 1,3$", result.Out);
    }

    [Fact]
    public void Json_has_every_field()
    {
        var result = Run(WithView(ViewState.Build()), "stat", StateDir, "/usr/bin/tool", "--json");

        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("ujail-stat/1", root.GetProperty("schema").GetString());
        Assert.Equal("/usr/bin/tool", root.GetProperty("path").GetString());
        Assert.Equal("file", root.GetProperty("type").GetString());
        Assert.Equal("4755", root.GetProperty("mode").GetString());
        Assert.Equal("-rwsr-xr-x", root.GetProperty("modeString").GetString());
        Assert.Equal(10, root.GetProperty("size").GetInt64());
        Assert.Equal((1000u, 100u), (root.GetProperty("uid").GetUInt32(), root.GetProperty("gid").GetUInt32()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("target").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rdev").ValueKind);
        Assert.Matches(@"^2023-11-14T22:\d\d:\d\d\.000000000Z$", root.GetProperty("mtime").GetString());
    }

    [Fact]
    public void A_missing_path_is_exit_12()
    {
        var result = Run(WithView(ViewState.Build()), "stat", StateDir, "/etc/motd");

        Assert.Equal((12, "", "ujail: /etc/motd: No such file or directory\n"), (result.ExitCode, result.Out, result.Error));
    }
}
