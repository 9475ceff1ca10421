// `ujail ls` through CliApp.Run over a fake merged view: merged listings (upper names added, whiteouts hidden),
// dot files with -a, the long format, a non-directory argument, symlink arguments as ls treats them, errors.
using Snapshooter.Xunit;
using UjailOverlay.Core.Tests.Fakes;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class LsCommandTests
{
    private const string StateDir = "/var/lib/ujail/demo";

    [Fact]
    public void Lists_the_merged_directory_without_deleted_or_dot_names()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir, "/etc");

        Assert.Equal((0, "hosts\nlocaltime\n", ""), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public void Root_is_the_default_and_upper_directories_appear()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir);

        Assert.Equal((0, "dev\netc\nopt\nsrv\nusr\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public void All_adds_dot_names_and_the_two_directories()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir, "etc", "-a");

        Assert.Equal((0, ".\n..\n.hidden\nhosts\nlocaltime\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public void Long_format_is_like_ls_dash_l()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir, "/opt/app", "-l");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void Long_format_shows_modes_links_devices_and_special_bits()
    {
        var state = ViewState.Build();

        var etc = Run(WithView(state), "ls", StateDir, "/etc", "-la").Out.Split('\n');
        var dev = Run(WithView(state), "ls", StateDir, "/dev/null", "-l").Out;
        var tool = Run(WithView(state), "ls", StateDir, "/usr/bin/tool", "-l").Out;

        Assert.Matches(@"^total \d+$", etc[0]);
        Assert.Matches(@"^-rw------- 1 0 0 +4 2023-11-14 \d\d:\d\d \.hidden$", etc[3]);
        Assert.Matches(@"^lrwxrwxrwx 1 0 0 +23 2023-11-14 \d\d:\d\d localtime -> /usr/share/zoneinfo/UTC$", etc[5]);
        Assert.Matches(@"^crw-rw-rw- 1 0 0 1, 3 2023-11-14 \d\d:\d\d /dev/null\n$", dev);
        Assert.Matches(@"^-rwsr-xr-x 1 1000 100 10 2023-11-14 \d\d:\d\d /usr/bin/tool\n$", tool);
    }

    [Fact]
    public void A_file_argument_lists_itself_as_given()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir, "etc/hosts");

        Assert.Equal((0, "etc/hosts\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public void A_symlink_to_a_directory_is_followed_unless_long()
    {
        var state = ViewState.Build();
        state.CreateSymlink("/opt/etc", "/etc");

        var plain = Run(WithView(state), "ls", StateDir, "/opt/etc");
        var longFormat = Run(WithView(state), "ls", StateDir, "/opt/etc", "-l");

        Assert.Equal("hosts\nlocaltime\n", plain.Out);
        Assert.Matches(@"^lrwxrwxrwx 1 0 0 4 \S+ \S+ /opt/etc -> /etc\n$", longFormat.Out);
    }

    [Fact]
    public void A_deleted_path_is_not_found_exit_12()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir, "/etc/motd");

        Assert.Equal((12, "", "ujail: /etc/motd: No such file or directory\n"), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public void A_path_through_a_file_is_exit_13()
    {
        var result = Run(WithView(ViewState.Build()), "ls", StateDir, "/etc/hosts/x");

        Assert.Equal((13, "ujail: /etc/hosts/x: Not a directory\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public void Names_with_control_characters_stay_on_one_line()
    {
        var state = ViewState.Build();
        state.CreateFile("/tmp/new\nline", "x");

        var result = Run(WithView(state), "ls", StateDir, "/tmp");

        Assert.Equal("\"new\\nline\"\n", result.Out);
    }

    [Fact]
    public void The_view_is_released_and_an_unknown_state_is_exit_3()
    {
        var view = new FakeMergedView(StateDir, new FakeState());
        var services = new CliServices { MergedView = () => view };

        var listed = Run(services, "ls", StateDir);
        var unknown = Run(services, "ls", "/nope");

        Assert.Equal((0, 1, 1), (listed.ExitCode, view.Opened, view.Released));
        Assert.Equal((3, "ujail: /nope: no such state directory\n"), (unknown.ExitCode, unknown.Error));
    }
}
