// Scenario: git against a bare repository that lives on the host. The test builds origin.git natively (an
// initial push of 120 files that receive-pack keeps as a pack, two small pushes that it unpacks into loose
// objects). Under the jail: a local clone (git hard-links the host's object files into the clone), commits,
// `git push origin main` (objects and the ref written into the host's origin.git: into the overlay only), and
// `git gc --prune=now` in origin.git, which packs refs and repacks everything, so it DELETES the host's loose
// objects, old pack and loose ref: whiteouts over host files, while the clone's hard links must keep their
// content. A second jailed run checks origin.git's log, `git fsck --full --strict` of both repositories and a
// fresh clone over the file:// transport. Commit ids are compared with the same steps run natively in a scratch
// copy (fixed identities and dates make them reproducible). The host's origin.git must stay byte- and
// metadata-identical, and native git still sees only the original three commits. As root and as uid 65534
// with --fake-root.
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class GitScenarioTests
{
    private readonly ITestOutputHelper _output;

    public GitScenarioTests(ITestOutputHelper output) => _output = output;

    /// <summary>Fixed identities, no system or global configuration; dates are set per commit by `commit`.</summary>
    private static Dictionary<string, string> GitEnv() => new()
    {
        ["GIT_AUTHOR_NAME"] = "Scenario Test", ["GIT_AUTHOR_EMAIL"] = "scenario@example.invalid",
        ["GIT_COMMITTER_NAME"] = "Scenario Test", ["GIT_COMMITTER_EMAIL"] = "scenario@example.invalid",
        ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = "/dev/null",
    };

    /// <summary>`commit DATE ARGS...`: git commit -q with author and committer date @DATE.</summary>
    private const string Commit = """
        commit() { local d=$1; shift; GIT_AUTHOR_DATE="@$d +0000" GIT_COMMITTER_DATE="@$d +0000" git commit -q "$@"; }

        """;

    /// <summary>What the jail does in Work, and the native reference in a scratch copy of origin.git.</summary>
    private const string CloneCommitPushGc = MakeInstallScenarioTests.Timed + Commit + """
        t git clone -q origin.git clone
        cd clone
        for i in 1 2 3; do echo "jailed change $i" >> README; commit $((1700000000 + i)) -am "jailed commit $i"; done
        mkdir -p added/deep
        for i in $(seq 1 20); do echo "added $i" > added/deep/file$i.txt; done
        git add added
        commit 1700000010 -m "jailed commit 4: 20 new files"
        git rm -q -r src/d3
        commit 1700000011 -m "jailed commit 5: remove src/d3"
        t git push -q origin main
        cd ..
        t git -C origin.git gc --prune=now --quiet
        git -C origin.git count-objects -v
        """;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Clone_commit_push_into_a_host_bare_repository_then_gc_prune(bool unprivileged)
    {
        Assert.True(File.Exists("/usr/bin/git"), "/usr/bin/git is missing (.ci/run installs git)");
        using var s = new Scenario("git", unprivileged, _output);
        var origin = Path.Combine(s.Work, "origin.git");
        var env = GitEnv();
        // Under --fake-root the jailed git runs as uid 0 and sees the user's own origin.git as root's (as under
        // fakeroot), so git's ownership check (safe.directory) accepts it with no configuration.
        var jailEnv = env;

        s.MustNative("seeding origin.git", "# native: seed origin.git (a kept pack, then loose objects)\n" + Commit + """
            git init -q --bare -b main origin.git
            git clone -q origin.git seed 2>/dev/null
            cd seed
            for d in 0 1 2 3 4 5 6 7 8 9; do
                mkdir -p src/d$d
                for f in 00 01 02 03 04 05 06 07 08 09 10 11; do printf 'file %s/%s\n' $d $f > src/d$d/f$f.txt; done
            done
            git add -A
            commit 1600000000 -m "initial: 120 files"
            git push -q origin main
            echo two >> src/d0/f00.txt
            commit 1600000100 -am "second"
            git push -q origin main
            echo three > README
            git add README
            commit 1600000200 -m "third"
            git push -q origin main
            """, env);
        var packs = Directory.GetFiles(Path.Combine(origin, "objects", "pack"));
        var loose = Directory.GetDirectories(Path.Combine(origin, "objects"), "??")
            .SelectMany(Directory.GetFiles).ToArray();
        Assert.True(packs.Length == 2 && loose.Length >= 3,
            $"origin.git should hold one pack and loose objects: packs {string.Join(' ', packs)}, {loose.Length} loose");
        var original = s.MustNative("host log", "git -C origin.git log --format='%H %s'", env).Stdout;
        Assert.Equal(3, original.Trim().Split('\n').Length);

        var nativeRun = s.MustNative("native reference", """
            # native: clone, commit, push, gc --prune=now (scratch copy of origin.git)
            mkdir native
            cp -a origin.git native/
            cd native

            """ + CloneCommitPushGc + "\ngit -C origin.git log --format='%H %s'\n", env);
        LogTimes("native", nativeRun);

        var watch = s.Watch(s.Work);

        var push = s.MustJail("clone, commit, push, gc --prune=now", CloneCommitPushGc, jailEnv);
        LogTimes("jailed", push);

        var verify = s.MustJail("log, fsck, fresh clone", """
            git -C origin.git log --format='%H %s'
            echo '--- fsck origin'
            git -C origin.git fsck --no-progress --full --strict 2>&1
            echo '--- fsck clone'
            git -C clone fsck --no-progress --full --strict 2>&1
            git -C clone status --porcelain
            git clone -q "file://$PWD/origin.git" fresh
            echo '--- fresh'
            git -C fresh log --format='%H %s'
            test -f fresh/added/deep/file20.txt && test ! -e fresh/src/d3 && cat fresh/README
            ls origin.git/objects/pack
            """, jailEnv);
        var jailedLog = verify.Stdout[..verify.Stdout.IndexOf("--- fsck origin", StringComparison.Ordinal)];
        Assert.Equal(8, jailedLog.Trim().Split('\n').Length);
        Assert.EndsWith(original, jailedLog);
        Assert.Contains(jailedLog, nativeRun.Stdout); // the same commit ids as the native reference
        Assert.Contains("--- fresh\n" + jailedLog, verify.Stdout);
        Assert.Contains("three\njailed change 1\njailed change 2\njailed change 3\n", verify.Stdout);
        foreach (var p in packs) Assert.DoesNotContain(Path.GetFileName(p), verify.Stdout);

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'D', packs);
        // gc removed every loose object and then the emptied fan-out directories: diff shows one D per directory.
        Scenario.AssertDiff(diff, 'D', loose.Select(Path.GetDirectoryName).Distinct().ToArray()!);
        Scenario.AssertDiff(diff, 'D', origin + "/refs/heads/main");
        Scenario.AssertDiff(diff, 'A', origin + "/packed-refs", s.Work + "/clone", s.Work + "/fresh");
        Scenario.AssertNotInDiff(diff, origin + "/HEAD", origin + "/config");

        watch.AssertUnchanged(verify);
        var after = s.MustNative("host log after", "git -C origin.git log --format='%H %s'; git -C origin.git fsck --no-progress --full 2>&1", env).Stdout;
        Assert.StartsWith(original, after);
        Assert.Equal(3, after.Split('\n').Count(l => l.Length > 41 && l[40] == ' '));
    }

    private void LogTimes(string how, RunResult r)
    {
        foreach (var line in r.Stderr.Split('\n').Where(l => l.StartsWith("TIME ", StringComparison.Ordinal)))
            _output.WriteLine($"  {how}: {line[5..]}");
    }
}
