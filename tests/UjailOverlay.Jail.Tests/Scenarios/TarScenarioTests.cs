// Scenario: mass file-tree churn under the jail. The test makes natively a tarball of 3,000 files in 330
// directories (a few MB) and a host tree of 350 files (Work/hosttree, ten subtrees). Under the jail: `tar x` of
// the tarball into /opt/ujail-scn (absent on the host), `rm -rf` of half of it and of half of the host tree's
// subtrees (whiteouts over host directories), removal of some single host files, and re-creation of two
// removed directories with new content. A second jailed run lists both trees (names, types, modes, sizes,
// link targets, content checksums) and compares them with the same steps run natively in a scratch copy: a
// re-created directory must hold only its new content (no host file may resurface through it: the opaque
// directory over a whiteout) and nothing removed may come back. `ujail diff` must say D for the removed host
// subtrees and A for /opt/ujail-scn; /opt and the host tree stay unchanged. As root and as uid 65534 with
// --fake-root.
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class TarScenarioTests
{
    private const string Opt = "/opt/ujail-scn";

    private readonly ITestOutputHelper _output;

    public TarScenarioTests(ITestOutputHelper output) => _output = output;

    /// <summary>The churn, on $OPT (the extraction target) and $HT (a copy of the host tree, or the host tree).</summary>
    private const string Churn = MakeInstallScenarioTests.Timed + """
        t mkdir -p "$OPT"
        t tar -xf input.tar -C "$OPT"
        t rm -rf "$OPT"/t0? "$OPT"/t1[0-4]
        t rm -rf "$HT"/h0 "$HT"/h1 "$HT"/h2 "$HT"/h3 "$HT"/h4
        t rm -f "$HT"/h5/f0?.txt "$HT"/h6/sub/deeper/*
        mkdir -p "$HT"/h2/sub "$OPT"/t03/s0
        echo "recreated h2/sub" > "$HT"/h2/sub/new.txt
        echo "recreated t03/s0" > "$OPT"/t03/s0/new.dat
        ln -s ../h7/f00.txt "$HT"/h6/sub/deeper/link

        """;

    /// <summary>What both trees hold: one line per entry (no size for directories: the jail's differ), then a
    /// checksum per regular file.</summary>
    private const string Listing = """
        for d in "$OPT" "$HT"; do
            echo "== $(basename "$d")"
            (cd "$d" && { find . -type d -printf '%P %y %m\n'; find . ! -type d -printf '%P %y %m %s %l\n'; } | LC_ALL=C sort)
            (cd "$d" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum)
        done
        """;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tar_x_thousands_of_files_then_rm_rf_half_and_recreate_removed_directories(bool unprivileged)
    {
        Assert.False(Directory.Exists(Opt) || File.Exists(Opt), $"{Opt} exists on the host: the scenario needs it absent");
        using var s = new Scenario("tar", unprivileged, _output);
        var hostTree = Path.Combine(s.Work, "hosttree");

        s.MustNative("inputs", """
            # native: make the tarball (3,000 files) and the host tree (350 files)
            umask 022
            pad=$(printf '%01100d' 0)
            mkdir -p src/t{00..29}/s{0..9}
            for a in {00..29}; do
                for b in 0 1 2 3 4 5 6 7 8 9; do
                    for f in 0 1 2 3 4 5 6 7 8 9; do printf '%s\n%s\n' "t$a/s$b/f$f" "$pad" > src/t$a/s$b/f$f.dat; done
                done
                ln -s s0/f0.dat src/t$a/link
            done
            chmod 0600 src/t20/s0/f0.dat
            tar -cf input.tar -C src .
            rm -rf src
            mkdir -p hosttree/h{0..9}/sub/deeper
            for h in 0 1 2 3 4 5 6 7 8 9; do
                for f in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19; do echo "h$h/$f" > hosttree/h$h/f$f.txt; done
                for f in 0 1 2 3 4 5 6 7 8 9; do echo "h$h/sub/$f" > hosttree/h$h/sub/g$f.txt; done
                for f in 0 1 2 3 4; do echo "h$h/sub/deeper/$f" > hosttree/h$h/sub/deeper/x$f; done
            done
            ls -l input.tar; find hosttree -type f | wc -l
            """);

        var nativeRun = s.MustNative("native reference", """
            # native: tar x, rm -rf half, recreate (scratch copies)
            mkdir native
            cp -a hosttree native/hosttree
            export OPT=$PWD/native/opt HT=native/hosttree

            """ + Churn + Listing);
        LogTimes("native", nativeRun);
        var expected = nativeRun.Stdout[nativeRun.Stdout.IndexOf("== opt", StringComparison.Ordinal)..];

        var watch = s.Watch("/opt", s.Work);

        var churn = s.MustJail("tar x 3,000 files, rm -rf half, recreate", $"export OPT={Opt} HT=hosttree\n" + Churn);
        LogTimes("jailed", churn);

        var list = s.MustJail("list both trees", $"export OPT={Opt} HT=hosttree\n" + Listing);
        var actual = list.Stdout.Replace("== ujail-scn", "== opt");
        Assert.True(expected == actual, "the jailed trees differ from the native reference:\n" + Expect.LineDiff(expected, actual));
        Assert.Contains("\nh2/sub d 755\nh2/sub/new.txt f 644 17 \n", actual);
        Assert.DoesNotContain("h2/sub/g0.txt", actual);
        Assert.DoesNotContain("t03/s0/f0.dat", actual);
        Assert.Equal(1500 + 1 /* t03/s0/new.dat */, actual.Split('\n').Count(l => l.Contains(".dat f ", StringComparison.Ordinal)));

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'A', Opt, Opt + "/t20/s0/f0.dat");
        Scenario.AssertDiff(diff, 'D', hostTree + "/h0", hostTree + "/h4", hostTree + "/h5/f00.txt", hostTree + "/h6/sub/deeper/x0");
        Scenario.AssertDiff(diff, 'A', hostTree + "/h6/sub/deeper/link");
        // A removed host directory made again: its old entries are listed as deleted one by one, the new one added.
        Scenario.AssertDiff(diff, 'D', hostTree + "/h2/f00.txt", hostTree + "/h2/sub/g0.txt", hostTree + "/h2/sub/deeper");
        Scenario.AssertDiff(diff, 'A', hostTree + "/h2/sub/new.txt");
        _output.WriteLine("diff --stat:\n" + s.Diff("--stat"));
        _output.WriteLine("diff of h2:\n" + string.Join('\n', diff.Split('\n').Where(l => l.Contains("/hosttree/h2"))));

        watch.AssertUnchanged(list);
        Assert.False(Directory.Exists(Opt) || File.Exists(Opt), $"{Opt} appeared on the host");
    }

    private void LogTimes(string how, RunResult r)
    {
        foreach (var line in r.Stderr.Split('\n').Where(l => l.StartsWith("TIME ", StringComparison.Ordinal)))
            _output.WriteLine($"  {how}: {line[5..]}");
    }
}
