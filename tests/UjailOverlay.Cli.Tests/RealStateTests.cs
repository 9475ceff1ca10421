// The inspection verbs against a real state directory (RealState) through the real composition: ls, cat, stat
// on the merged view, state info/history/journal, fsck finding and repairing damage, exit codes for a missing
// state, a foreign directory and a missing path, and the guarantee that inspecting writes nothing.
using System.Text.Json;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class RealStateTests : IDisposable
{
    private readonly RealState _state = new();

    public void Dispose() => _state.Dispose();

    private CliResult Ujail(params string[] args) => Run(_state.Services(), args);

    [LinuxFact]
    public void Ls_shows_the_merged_view_with_the_state_dir_hidden()
    {
        Assert.Equal((0, "hosts\npasswd\n", ""), Pick(Ujail("ls", _state.StateDir, "/etc")));
        Assert.Equal((0, "etc\nopt\nusr\nvar\n", ""), Pick(Ujail("ls", _state.StateDir)));
        Assert.Equal((0, "", ""), Pick(Ujail("ls", _state.StateDir, "/var/lib/ujail")));
    }

    [LinuxFact]
    public void Ls_long_shows_upper_metadata()
    {
        var result = Ujail("ls", _state.StateDir, "/opt", "-l");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^total \d+$", lines[0]);
        Assert.Matches(@"^-rw-r--r-- 1 0 0 259 \d{4}-\d\d-\d\d \d\d:\d\d blob\.bin$", lines[1]);
        Assert.Matches(@"^lrwxrwxrwx 1 0 0   7 \d{4}-\d\d-\d\d \d\d:\d\d link -> new\.txt$", lines[2]);
        Assert.Matches(@"^-rw-r----- 1 0 0   6 \d{4}-\d\d-\d\d \d\d:\d\d new\.txt$", lines[3]);
        Assert.Matches(@"(?m) 2020-09-13 12:26 passwd$", Ujail("ls", _state.StateDir, "/etc", "-l").Out);
    }

    [LinuxFact]
    public void Cat_reads_upper_and_host_content_byte_for_byte()
    {
        Assert.Equal((0, "127.0.0.1 localhost\n10.0.0.5 db\n", ""), Pick(Ujail("cat", _state.StateDir, "/etc/hosts")));
        Assert.Equal((0, "root:x:0:0::/root:/bin/sh\n", ""), Pick(Ujail("cat", _state.StateDir, "etc/passwd")));
        Assert.Equal((0, "fresh\n", ""), Pick(Ujail("cat", _state.StateDir, "/opt/link")));
        var blob = Ujail("cat", _state.StateDir, "/opt/blob.bin");
        Assert.Equal(RealState.Blob, blob.OutBytes);
    }

    [LinuxFact]
    public void Stat_shows_virtual_and_host_metadata()
    {
        var upper = Ujail("stat", _state.StateDir, "/opt/new.txt");
        var host = JsonDocument.Parse(Ujail("stat", _state.StateDir, "/etc/passwd", "--json").Out).RootElement;

        Assert.Equal(0, upper.ExitCode);
        Assert.StartsWith("  File: /opt/new.txt\n  Size: 6 ", upper.Out);
        Assert.Contains("Access: (0640/-rw-r-----)  Uid: (    0)   Gid: (    0)\n", upper.Out);
        Assert.Equal(new FileInfo(Path.Combine(_state.LowerRoot, "etc/passwd")).Length, host.GetProperty("size").GetInt64());
        Assert.Equal("2020-09-13T12:26:40.000000000Z", host.GetProperty("mtime").GetString());
    }

    [LinuxFact]
    public void State_info_history_and_journal_read_the_state()
    {
        var info = Ujail("state", "info", _state.StateDir);
        var history = Ujail("state", "history", _state.StateDir);
        var journal = Ujail("state", "journal", _state.StateDir);

        Assert.Equal(0, info.ExitCode);
        Assert.Contains($"state         {_state.StateDir}\n", info.Out);
        Assert.Contains("schema        2\n", info.Out);
        Assert.Contains("whiteouts     1\n", info.Out);
        Assert.Contains("journal rows  1\n", info.Out);
        Assert.Contains("runs          1\n", info.Out);
        Assert.Matches(@"(?m)^upper size +[\d,]+ bytes$", info.Out);
        Assert.Matches(@"(?m)^ 1  2020-09-13 12:26:40  2020-09-13 12:26:43     0    321        6  sh -c 'make install'$", history.Out);
        Assert.Matches(@"(?m)^  1  2020-09-13 12:26:40\.000000  4242  /bin/sh  unlinkat       0  /etc/motd$", journal.Out);
        Assert.Equal((0, "", ""), Pick(Ujail("state", "journal", _state.StateDir, "--after", "1")));
    }

    [LinuxFact]
    public void Fsck_is_clean_then_finds_a_stray_then_repairs_it()
    {
        Assert.Equal((0, $"{_state.StateDir}: clean\n", ""), Pick(Ujail("fsck", _state.StateDir)));

        File.WriteAllText(Path.Combine(_state.UpperDir, "stray"), "left by a crash");
        var found = Ujail("fsck", _state.StateDir);
        var repaired = Ujail("fsck", _state.StateDir, "--repair");
        var after = Ujail("fsck", _state.StateDir);

        Assert.Equal(9, found.ExitCode);
        Assert.Matches(@"(?m)^StrayUpper /stray: .+ \[Adopt\]$", found.Out);
        Assert.Equal(10, repaired.ExitCode);
        Assert.EndsWith("repaired\n", repaired.Out);
        Assert.Equal(0, after.ExitCode);
        Assert.Equal((0, "left by a crash", ""), Pick(Ujail("cat", _state.StateDir, "/stray")));
    }

    [LinuxFact]
    public void A_missing_work_dir_is_corrupt_for_ls_and_repaired_by_fsck()
    {
        Directory.Delete(Path.Combine(_state.StateDir, "work"));

        var ls = Ujail("ls", _state.StateDir);
        var found = Ujail("fsck", _state.StateDir);
        var repaired = Ujail("fsck", _state.StateDir, "--repair");

        Assert.Equal(5, ls.ExitCode);
        Assert.Equal($"ujail: state directory {_state.StateDir}: upper/ or work/ is missing; run 'ujail fsck --repair {_state.StateDir}'\n", ls.Error);
        Assert.Equal(9, found.ExitCode);
        Assert.Contains("LayoutMissing work: directory is missing [Create]\n", found.Out);
        Assert.Equal(10, repaired.ExitCode);
        Assert.Equal(0, Ujail("ls", _state.StateDir).ExitCode);
    }

    [LinuxFact]
    public void Inspecting_writes_nothing()
    {
        var before = _state.Fingerprint();

        var s = _state.StateDir;
        string[][] inspections =
        [
            ["ls", s, "/", "-la"], ["ls", s, "/opt", "-l"], ["cat", s, "/etc/hosts"], ["cat", s, "/etc/passwd"], ["cat", s, "/opt/link"],
            ["stat", s, "/opt"], ["stat", s, "/etc/passwd", "--json"], ["state", "info", s], ["state", "history", s],
            ["state", "journal", s, "--json"], ["fsck", s],
        ];
        foreach (var args in inspections) Assert.Equal(0, Ujail(args).ExitCode);

        Assert.Equal(before, _state.Fingerprint());
    }

    [LinuxFact]
    public void A_missing_path_is_exit_12_for_every_view_verb()
    {
        foreach (var verb in new[] { "ls", "cat", "stat" })
            Assert.Equal((12, "", "ujail: /etc/motd: No such file or directory\n"), Pick(Ujail(verb, _state.StateDir, "/etc/motd")));
    }

    [LinuxFact]
    public void A_missing_state_is_exit_3_and_a_foreign_dir_exit_4()
    {
        var missing = Path.Combine(_state.Root, "nothing-here");
        var foreign = Path.Combine(_state.Root, "foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");

        foreach (var args in new[] { new[] { "ls" }, ["cat"], ["stat"], ["state", "info"], ["state", "history"], ["state", "journal"], ["fsck"] })
        {
            var path = args[0] is "cat" or "stat" ? new[] { "/etc/hosts" } : [];
            var notFound = Ujail([.. args, missing, .. path]);
            var notState = Ujail([.. args, foreign, .. path]);
            Assert.Equal(3, notFound.ExitCode);
            Assert.StartsWith($"ujail: state directory {missing}: ", notFound.Error);
            Assert.Equal(4, notState.ExitCode);
            Assert.StartsWith($"ujail: state directory {foreign}: ", notState.Error);
            Assert.Single(notState.Error.TrimEnd('\n').Split('\n'));
        }
        Assert.Equal("mine", File.ReadAllText(Path.Combine(foreign, "notes.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(foreign));
    }

    private static (int, string, string) Pick(CliResult r) => (r.ExitCode, r.Out, r.Error);
}
