// Scenario: `apt-get update && apt-get install -y ujs-app` from a local flat repository the test builds
// (dpkg-deb, dpkg-scanpackages), where ujs-app depends on ujs-base, under the jail. The sources.list entry
// (`deb [trusted=yes] file:REPO ./`) is written inside the jail, and every apt-get is told to read only it
// (Dir::Etc::SourceList, Dir::Etc::SourceParts=-), so no network source is ever asked; List-Cleanup=0 leaves the
// host's other index files alone. A second jailed run starts ujs-app (which reads ujs-base's file) and asks
// apt-mark which of the two was installed automatically; a third `apt-get purge -y --autoremove ujs-app` must
// take both away, and a fourth checks they are gone. As root and as uid 65534 with --fake-root.
//
// apt runs its download methods (file, store) as the sandbox user _apt: as root that is a real setuid, under
// --fake-root the jail's virtual set*id. Either way apt must not fall back to "unsandboxed as root", and while
// the repository is chmod 0700 (inside the jail) the store method must be refused it, as it is natively with the
// same configuration (both asserted).
// Unprivileged, apt warns that it cannot open /var/log/apt/term.log: the host's copy is root:adm 0640 and not
// empty, so uid 65534 cannot read it to copy it up (the jail never grants more than the real user has).
//
// The native comparison runs `apt-get update` and `apt-get install -s` (resolution only) as uid 65534 on scratch
// state, cache, log and configuration directories, reading the host's dpkg status.
using System.Diagnostics;
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class AptScenarioTests
{
    private static readonly string[] Added =
    {
        "/etc/apt/sources.list.d/ujs-local.list", "/usr/bin/ujs-app", "/usr/share/ujs-base/message", "/usr/share/ujs-base",
        "/var/lib/dpkg/info/ujs-app.list", "/var/lib/dpkg/info/ujs-base.list",
    };

    /// <summary>Every apt-get reads only the jail's own source list.</summary>
    private const string AptOptions = """
        apt=(-o Dir::Etc::SourceList=/etc/apt/sources.list.d/ujs-local.list -o Dir::Etc::SourceParts=- -o APT::Get::List-Cleanup=0)

        """;

    private readonly ITestOutputHelper _output;

    public AptScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Apt_get_installs_a_package_and_its_dependency_from_a_local_repository_then_purges_both(bool unprivileged)
    {
        foreach (var tool in new[] { "/usr/bin/apt-get", "/usr/bin/apt-mark", "/usr/bin/dpkg-deb", "/usr/bin/dpkg-scanpackages" })
            Assert.True(File.Exists(tool), $"{tool} is missing (.ci/run installs dpkg-dev; apt is a Debian essential)");
        foreach (var p in Added) DpkgScenarioTests.AssertAbsentOnHost(p);
        Assert.False(Sh.Run("dpkg", "-s", "ujs-app").ExitCode == 0, "ujs-app is installed on the host");

        using var s = new Scenario("apt", unprivileged, _output);
        var repo = Path.Combine(s.Work, "repo");
        s.MustNative("building the repository", BuildRepository);
        NativeReference(s, repo);

        var clock = Stopwatch.StartNew();
        var watch = s.Watch("/etc/apt", "/var/lib/apt", "/var/lib/dpkg", "/var/cache/apt", "/var/cache/debconf", "/var/log",
            "/usr/bin", "/usr/share/ujs-base");
        _output.WriteLine($"host fingerprint: {clock.Elapsed.TotalSeconds:F2} s");

        var install = s.MustJail("apt-get update && apt-get install -y ujs-app", AptOptions + DpkgScenarioTests.Timed + $$"""
            echo "deb [trusted=yes] file:{{repo}} ./" > /etc/apt/sources.list.d/ujs-local.list
            # The methods run as _apt: a repository only its owner may read is refused to them, as on a real system.
            chmod 0700 {{repo}}
            apt-get "${apt[@]}" update > refused.log 2>&1 || true
            grep -m1 'Permission denied' refused.log | sed 's/^/sandboxed: /'
            chmod 0755 {{repo}}
            t apt-get "${apt[@]}" update
            t apt-get "${apt[@]}" install -y ujs-app
            """);
        DpkgScenarioTests.LogTimes(_output, "jailed", install);
        Assert.Contains("The following NEW packages will be installed:\n  ujs-app ujs-base", install.Stdout);
        Assert.Contains("Setting up ujs-app (1.0)", install.Stdout);
        Assert.DoesNotContain("unsandboxed", install.Stdout + install.Stderr);
        Assert.Contains("sandboxed: ", install.Stdout);

        var use = s.MustJail("ujs-app runs, apt-mark showauto", AptOptions + """
            ujs-app
            echo "auto: $(apt-mark "${apt[@]}" showauto ujs-app ujs-base | tr '\n' ' ')"
            echo "manual: $(apt-mark "${apt[@]}" showmanual ujs-app ujs-base | tr '\n' ' ')"
            dpkg -s ujs-app ujs-base | grep -E '^(Package|Status):'
            """);
        Assert.Contains("ujs-app reads: data from ujs-base", use.Stdout);
        Assert.Contains("auto: ujs-base \n", use.Stdout);
        Assert.Contains("manual: ujs-app \n", use.Stdout);
        Assert.Contains("Package: ujs-app\nStatus: install ok installed", use.Stdout);
        Assert.Contains("Package: ujs-base\nStatus: install ok installed", use.Stdout);

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'A', Added);
        Scenario.AssertDiff(diff, 'M', "/var/lib/apt/extended_states", "/var/lib/dpkg/status", "/var/log/dpkg.log");
        // Unprivileged, apt gives up on its logs at term.log (see the header), so it writes no history.log either.
        if (!unprivileged) Scenario.AssertDiff(diff, 'M', "/var/log/apt/history.log", "/var/log/apt/term.log");
        var list = "/var/lib/apt/lists/" + repo.Replace('/', '_') + "_._Packages";
        Assert.True(diff.Split('\n').Any(l => l.StartsWith("A  " + list, StringComparison.Ordinal)),
            $"ujail diff should add the index {list}*\n{Expect.Tail(diff, 60)}");

        var purge = s.MustJail("apt-get purge -y --autoremove ujs-app", AptOptions + DpkgScenarioTests.Timed + """
            t apt-get "${apt[@]}" purge -y --autoremove ujs-app
            """);
        DpkgScenarioTests.LogTimes(_output, "jailed", purge);
        Assert.Contains("The following packages will be REMOVED:\n  ujs-app* ujs-base*", purge.Stdout);

        var gone = s.MustJail("both gone after the purge", AptOptions + """
            for p in ujs-app ujs-base; do
                if dpkg -s "$p" > /dev/null 2>&1; then echo "$p is still known to dpkg" >&2; exit 1; fi
            done
            if [ -e /usr/bin/ujs-app ] || [ -e /usr/share/ujs-base ]; then echo "files are left" >&2; exit 1; fi
            if [ -n "$(apt-mark "${apt[@]}" showauto ujs-base)" ]; then echo "ujs-base is still marked" >&2; exit 1; fi
            echo gone
            """);
        Assert.Contains("gone", gone.Stdout);

        diff = s.Diff();
        Scenario.AssertNotInDiff(diff, Added.Where(p => !p.StartsWith("/etc/apt/", StringComparison.Ordinal)).ToArray());
        Scenario.AssertDiff(diff, 'A', "/etc/apt/sources.list.d/ujs-local.list");

        clock.Restart();
        watch.AssertUnchanged(gone);
        _output.WriteLine($"host fingerprint again: {clock.Elapsed.TotalSeconds:F2} s");
        foreach (var p in Added) DpkgScenarioTests.AssertAbsentOnHost(p);
    }

    /// <summary>repo/ in Work: ujs-base (a data file) and ujs-app (a script that reads it, Depends: ujs-base),
    /// with Packages and Packages.xz (apt asks for .xz first).</summary>
    private const string BuildRepository = """
        umask 022
        mkdir -p pkg/ujs-base/DEBIAN pkg/ujs-base/usr/share/ujs-base pkg/ujs-app/DEBIAN pkg/ujs-app/usr/bin repo
        printf 'Package: ujs-base\nVersion: 1.0\nArchitecture: all\nMaintainer: ujail tests <tests@example.invalid>\nDescription: ujail scenario data\n' \
            > pkg/ujs-base/DEBIAN/control
        echo "data from ujs-base" > pkg/ujs-base/usr/share/ujs-base/message
        printf 'Package: ujs-app\nVersion: 1.0\nArchitecture: all\nDepends: ujs-base (>= 1.0)\nMaintainer: ujail tests <tests@example.invalid>\nDescription: ujail scenario program\n' \
            > pkg/ujs-app/DEBIAN/control
        printf '#!/bin/sh\necho "ujs-app reads: $(cat /usr/share/ujs-base/message)"\n' > pkg/ujs-app/usr/bin/ujs-app
        chmod 755 pkg/ujs-app/usr/bin/ujs-app
        for p in pkg/*; do dpkg-deb --root-owner-group -Zgzip -b "$p" repo/ > /dev/null; done
        cd repo
        dpkg-scanpackages . /dev/null > Packages 2> /dev/null
        xz -k Packages
        ls
        """;

    /// <summary>apt-get update and a simulated install natively, as uid 65534, on scratch directories with no
    /// host configuration (timing only).</summary>
    private void NativeReference(Scenario s, string repo)
    {
        var native = s.MustNative("native reference", "# native: apt-get update, install -s (scratch dirs, uid 65534)\n" + DpkgScenarioTests.Timed + $$"""
            mkdir native
            cd native
            mkdir -p state/lists/partial cache/archives/partial log etc/parts
            chmod -R 1777 .
            echo "deb [trusted=yes] file:{{repo}} ./" > etc/local.list
            # APT_CONFIG is read before apt.conf.d, so the host's configuration (and its hooks) stays out.
            printf 'Dir::Etc::Main "/dev/null";\nDir::Etc::Parts "%s";\n' "$PWD/etc/parts" > etc/apt.conf
            nobody=; [ "$(id -u)" = 0 ] && nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --"
            apt=($nobody env APT_CONFIG="$PWD/etc/apt.conf" apt-get -o Dir::Etc::SourceList="$PWD/etc/local.list"
                 -o Dir::Etc::SourceParts=- -o Dir::State="$PWD/state" -o Dir::State::status=/var/lib/dpkg/status
                 -o Dir::Cache="$PWD/cache" -o Dir::Log="$PWD/log" -o Debug::NoLocking=1)
            t "${apt[@]}" update > /dev/null
            t "${apt[@]}" install -s ujs-app
            """);
        Assert.Contains("Inst ujs-base", native.Stdout);
        DpkgScenarioTests.LogTimes(_output, "native", native);
    }
}
