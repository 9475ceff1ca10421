// Scenario: the `./configure && make && make install && ldconfig` ritual of a small C project
// (fixtures/scenarios/make/hello-lib: a hand-written configure, a shared library libgreet.so.1 with its soname
// and libgreet.so link, a program linked against it, a header and a man page) into /usr/local, under the jail.
// The build happens in a host copy of the project, so every object file lands in the overlay while the host copy
// stays as it was; ldconfig rebuilds /etc/ld.so.cache (and /var/cache/ldconfig/aux-cache) in the overlay.
// A second jailed run starts the installed /usr/local/bin/greet with no LD_LIBRARY_PATH: the dynamic loader
// (the host's ld.so, reading the overlay's ld.so.cache) must find libgreet.so.1 in /usr/local/lib. A third run
// `make uninstall && ldconfig`s it away. As root and as uid 65534 with --fake-root.
//
// The native comparison runs the same steps in a scratch prefix, with ldconfig writing a scratch cache as uid
// 65534 (so the kernel itself keeps it off the host's /var/cache/ldconfig).
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class MakeInstallScenarioTests
{
    private static readonly string[] Installed =
    {
        "/usr/local/bin/greet", "/usr/local/lib/libgreet.so.1.0.0", "/usr/local/lib/libgreet.so.1",
        "/usr/local/lib/libgreet.so", "/usr/local/include/greet.h", "/usr/local/share/man/man1/greet.1",
    };

    private readonly ITestOutputHelper _output;

    public MakeInstallScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Configure_make_install_ldconfig_then_greet_runs_from_the_cache_and_uninstall_removes_it(bool unprivileged)
    {
        foreach (var tool in new[] { "/usr/bin/gcc", "/usr/bin/make", "/usr/sbin/ldconfig", "/usr/bin/install" })
            Assert.True(File.Exists(tool), $"{tool} is missing (.ci/run installs gcc and make)");
        Assert.True(File.ReadAllText("/etc/ld.so.conf.d/libc.conf").Contains("/usr/local/lib"),
            "this scenario relies on Debian's /etc/ld.so.conf.d/libc.conf listing /usr/local/lib");

        using var s = new Scenario("make", unprivileged, _output);
        var project = Path.Combine(s.Work, "hello-lib");
        Expect.Succeeded(Sh.Run("cp", "-R", FixtureDirectory("make/hello-lib"), project), "copying the fixture");
        if (unprivileged) Expect.Succeeded(Sh.Run("chown", "-R", $"{Ujail.NobodyUid}:{Ujail.NobodyUid}", project), "chown of the project");
        foreach (var p in Installed) AssertAbsentOnHost(p);

        NativeReference(s, project);

        var watch = s.Watch("/usr/local", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/var/cache/ldconfig", project);

        var install = s.MustJail("configure, make -j2, make install, ldconfig", Timed + """
            cd hello-lib
            t ./configure
            t make -j2
            t make install
            t ldconfig
            ls -l /usr/local/lib
            """);
        LogTimes("jailed", install);
        Assert.Contains("prefix: /usr/local", install.Stdout);

        var run = s.MustJail("greet runs through ld.so.cache", """
            unset LD_LIBRARY_PATH
            /usr/local/bin/greet jail
            ldconfig -p | grep -F libgreet.so.1
            readlink /usr/local/lib/libgreet.so.1 /usr/local/lib/libgreet.so
            test -s /usr/local/include/greet.h && test -s /usr/local/share/man/man1/greet.1
            test -f hello-lib/greet.o && test -x hello-lib/greet
            """);
        Assert.Contains("hello, jail, from libgreet 1.0.0", run.Stdout);
        Assert.Contains("/usr/local/lib/libgreet.so.1", run.Stdout);
        Assert.Contains("libgreet.so.1.0.0\nlibgreet.so.1\n", run.Stdout);

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'A', "/usr/local/bin/greet", "/usr/local/lib/libgreet.so.1", "/usr/local/lib/libgreet.so.1.0.0",
            "/usr/local/include/greet.h", "/usr/local/share/man/man1/greet.1", project + "/greet.o", project + "/Makefile");
        Scenario.AssertDiff(diff, 'M', "/etc/ld.so.cache");
        Scenario.AssertNotInDiff(diff, project + "/greet.c", project + "/configure");

        var uninstall = s.MustJail("make uninstall, ldconfig", Timed + """
            cd hello-lib
            t make uninstall
            t ldconfig
            if ldconfig -p | grep -F libgreet; then echo "libgreet still in the cache" >&2; exit 1; fi
            for f in /usr/local/bin/greet /usr/local/lib/libgreet.so.1.0.0 /usr/local/lib/libgreet.so.1 \
                     /usr/local/lib/libgreet.so /usr/local/include/greet.h /usr/local/share/man/man1/greet.1; do
                if [ -e "$f" ] || [ -L "$f" ]; then echo "$f is still there" >&2; exit 1; fi
            done
            if /usr/local/bin/greet 2>/dev/null; then exit 1; fi
            echo uninstalled
            """);
        LogTimes("jailed", uninstall);
        Assert.Contains("uninstalled", uninstall.Stdout);

        diff = s.Diff();
        Scenario.AssertNotInDiff(diff, Installed);
        Scenario.AssertDiff(diff, 'A', project + "/greet.o");

        watch.AssertUnchanged(uninstall);
        foreach (var p in Installed) AssertAbsentOnHost(p);
    }

    /// <summary>The same steps natively in a scratch copy and prefix, for the timing comparison; ldconfig writes a
    /// scratch cache (-C) without touching links (-X), as uid 65534 so it cannot write the host's aux-cache.</summary>
    private void NativeReference(Scenario s, string project)
    {
        var native = s.MustNative("native reference", "# native: configure, make -j2, make install, ldconfig (scratch prefix)\n" + Timed + """
            mkdir -m 1777 native && cd native
            cp -R ../hello-lib build
            printf '%s/prefix/lib\ninclude /etc/ld.so.conf.d/*.conf\n' "$PWD" > ld.so.conf
            nobody=; [ "$(id -u)" = 0 ] && nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --"
            cd build
            t ./configure --prefix="$PWD/../prefix"
            t make -j2
            t make install
            t $nobody ldconfig -X -C ../ld.so.cache -f ../ld.so.conf
            LD_LIBRARY_PATH=../prefix/lib ../prefix/bin/greet native
            t make uninstall
            """);
        Assert.Contains("hello, native, from libgreet 1.0.0", native.Stdout);
        LogTimes("native", native);
    }

    /// <summary>A bash function `t CMD...` that runs CMD and prints "TIME <ms> CMD" on stderr.</summary>
    internal const string Timed = """
        t() { local a=${EPOCHREALTIME/./} rc=0; "$@" || rc=$?; local b=${EPOCHREALTIME/./}; local c="$*"; printf 'TIME %d ms: %s\n' $(((b - a) / 1000)) "${c:0:90}" >&2; return $rc; }

        """;

    private void LogTimes(string how, RunResult r)
    {
        foreach (var line in r.Stderr.Split('\n').Where(l => l.StartsWith("TIME ", StringComparison.Ordinal)))
            _output.WriteLine($"  {how}: {line[5..]}");
    }

    private static void AssertAbsentOnHost(string path) =>
        Assert.False(File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null,
            $"{path} exists on the host: the scenario needs it absent");

    /// <summary>fixtures/scenarios/NAME of the checkout the tests were built from.</summary>
    internal static string FixtureDirectory(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UjailOverlay.sln")))
                return Path.Combine(dir.FullName, "fixtures", "scenarios", name);
        throw new InvalidOperationException("no UjailOverlay.sln above " + AppContext.BaseDirectory);
    }
}
