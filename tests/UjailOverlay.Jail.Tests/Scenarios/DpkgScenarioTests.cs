// Scenario: `dpkg -i` of four .debs the test builds (dpkg-deb --root-owner-group), under the jail, then the
// installed system used, purged, and checked gone, each in its own jailed run on one state:
//   ujs-hello     a compiled program in /usr/bin and a conffile in /etc (DEBIAN/conffiles);
//   libujsgreet1  a shared library in /usr/lib/ujs-greet, a directory only /etc/ld.so.conf.d names, with an
//                 `activate-noawait ldconfig` trigger as Debian's libraries have: libc-bin's trigger runs ldconfig;
//   ujs-greet     a program linked against it (gcc, natively), which can only find the library through the
//                 ld.so.cache that trigger rebuilt in the overlay (the host's ld.so reads the jail's cache);
//   ujs-svc       maintainer scripts: postinst adds a system user with adduser and one with useradd -r and
//                 registers an alternative with update-alternatives; prerm/postrm remove them on remove/purge.
// The journal is read to check that dpkg's link(status, status-old) + rename(status-new, status), shadow's
// link-based /etc/*.lock files and its rename(passwd+, passwd) rewrites, and update-alternatives' rename over
// the symlink all succeeded; a Python process holding dpkg's frontend fcntl lock must make dpkg refuse to run.
// As root and as uid 65534 with --fake-root.
//
// Unprivileged, one step is added: the host's /etc/shadow and /etc/gshadow are root:shadow 0640, which uid 65534
// cannot read, so neither can its fake root (the jail never grants more than the real user has; reading them
// fails with EACCES, asserted). The jailed root therefore starts from its own shadow files (rm, pwconv, grpconv
// in a first jailed run) before useradd can rewrite them.
//
// The native comparison installs the three packages without maintainer scripts into a scratch --instdir and
// --admindir (a copy of /var/lib/dpkg) as uid 65534 with --force-not-root, so it cannot touch the host.
using System.Diagnostics;
using System.Text.Json;
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class DpkgScenarioTests
{
    private static readonly string[] Packages = { "ujs-hello", "libujsgreet1", "ujs-greet", "ujs-svc" };

    /// <summary>Paths the packages (and their scripts) add; all absent on the host.</summary>
    private static readonly string[] Added =
    {
        "/usr/bin/ujs-hello", "/etc/ujs-hello/hello.conf", "/etc/ujs-hello",
        "/usr/lib/ujs-greet/libujsgreet.so.1.0.0", "/usr/lib/ujs-greet/libujsgreet.so.1", "/usr/lib/ujs-greet",
        "/etc/ld.so.conf.d/ujs-greet.conf", "/usr/bin/ujs-greet",
        "/usr/sbin/ujs-svc-editor", "/etc/ujs-svc/svc.conf", "/etc/ujs-svc",
        "/usr/bin/ujs-editor", "/etc/alternatives/ujs-editor", "/var/lib/dpkg/alternatives/ujs-editor",
        "/var/lib/dpkg/info/ujs-hello.list", "/var/lib/dpkg/info/ujs-hello.conffiles",
        "/var/lib/dpkg/info/libujsgreet1.triggers", "/var/lib/dpkg/info/ujs-svc.postinst",
    };

    private readonly ITestOutputHelper _output;

    public DpkgScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dpkg_installs_a_program_a_library_with_trigger_a_system_user_and_an_alternative_then_purges_them(bool unprivileged)
    {
        foreach (var tool in new[] { "/usr/bin/dpkg-deb", "/usr/bin/gcc", "/usr/sbin/adduser", "/usr/sbin/useradd", "/usr/sbin/pwconv", "/usr/bin/python3" })
            Assert.True(File.Exists(tool), $"{tool} is missing (.ci/run installs gcc, dpkg-dev and python3; adduser and passwd are Debian essentials)");
        foreach (var p in Added) AssertAbsentOnHost(p);
        Assert.False(Sh.Run("getent", "passwd", "ujs-svc").ExitCode == 0, "the host already has a user ujs-svc");
        Assert.False(Sh.Run("dpkg", "-s", "ujs-hello").ExitCode == 0, "ujs-hello is installed on the host");

        using var s = new Scenario("dpkg", unprivileged, _output);
        s.MustNative("building the .debs", BuildDebs);
        NativeReference(s);

        var clock = Stopwatch.StartNew();
        // Not /usr/lib/x86_64-linux-gnu (1 GB, 2-4 s per fingerprint): nothing here writes there; ldconfig would
        // only add missing soname links, and the jail would put those in the overlay.
        var watch = s.Watch("/etc", "/var/lib/dpkg", "/usr/bin", "/usr/sbin", "/usr/lib/ujs-greet",
            "/var/cache/debconf", "/var/cache/ldconfig", "/var/log");
        _output.WriteLine($"host fingerprint: {clock.Elapsed.TotalSeconds:F2} s");

        if (unprivileged)
        {
            var shadow = s.MustJail("own shadow files (unprivileged: the host's are unreadable)", """
                if cat /etc/shadow > /dev/null 2> err; then echo "the host's /etc/shadow is readable by uid 65534" >&2; exit 1; fi
                cat err
                rm /etc/shadow /etc/gshadow
                pwconv
                grpconv
                grep -c '^root:' /etc/shadow /etc/gshadow
                """);
            Assert.Contains("Permission denied", shadow.Stdout);
        }

        var install = s.MustJail("dpkg -i of 4 .debs", "dpkg -i debs/*.deb\n");
        Assert.Contains("Processing triggers for libc-bin", install.Stdout);
        Assert.Contains("using /usr/sbin/ujs-svc-editor to provide /usr/bin/ujs-editor", install.Stdout + install.Stderr);
        AssertJournal(s, "dpkg", "link", "/var/lib/dpkg/status", "/var/lib/dpkg/status-old");
        AssertJournal(s, "dpkg", "rename", "/var/lib/dpkg/status-new", "/var/lib/dpkg/status");
        AssertJournal(s, "useradd", "rename", "/etc/passwd+", "/etc/passwd");
        AssertJournal(s, "useradd", "rename", "/etc/shadow+", "/etc/shadow");
        AssertJournal(s, "useradd", "link", "/etc/passwd.", "/etc/passwd.lock");
        AssertJournal(s, "update-alternatives", "rename", "/etc/alternatives/ujs-editor.dpkg-tmp", "/etc/alternatives/ujs-editor");

        var use = s.MustJail("dpkg -s, dpkg -L, programs, user, alternative", """
            dpkg -s ujs-hello ujs-greet libujsgreet1 ujs-svc | grep -E '^(Package|Status):'
            dpkg -L ujs-hello libujsgreet1
            dpkg --verify ujs-hello ujs-greet libujsgreet1 ujs-svc
            dpkg --audit
            ujs-hello
            unset LD_LIBRARY_PATH
            ujs-greet
            ldconfig -p | grep -F libujsgreet.so.1
            getent passwd ujs-svc ujs-svc2
            getent group ujs-svc
            grep -c '^ujs-svc:' /etc/shadow
            echo "chain: $(readlink /usr/bin/ujs-editor) $(readlink /etc/alternatives/ujs-editor)"
            ujs-editor
            /usr/bin/python3 - <<'EOF'
            import fcntl, os, subprocess
            fd = os.open("/var/lib/dpkg/lock-frontend", os.O_RDWR)
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            r = subprocess.run(["dpkg", "--configure", "-a"], capture_output=True, text=True)
            print("while locked: dpkg exit", r.returncode, r.stderr.strip())
            EOF
            """);
        foreach (var p in Packages) Assert.Contains($"Package: {p}\nStatus: install ok installed", use.Stdout);
        Assert.Contains("/usr/bin/ujs-hello\n", use.Stdout);
        Assert.Contains("/etc/ujs-hello/hello.conf\n", use.Stdout);
        Assert.Contains("/usr/lib/ujs-greet/libujsgreet.so.1.0.0\n", use.Stdout);
        Assert.Contains("ujs-hello says greeting=hello from the conffile", use.Stdout);
        Assert.Contains("greetings from libujsgreet.so.1", use.Stdout);
        Assert.Contains("=> /usr/lib/ujs-greet/libujsgreet.so.1", use.Stdout);
        Assert.Contains("ujs-svc:x:", use.Stdout);
        Assert.Contains("ujs-svc2:x:", use.Stdout);
        Assert.Contains("chain: /etc/alternatives/ujs-editor /usr/sbin/ujs-svc-editor", use.Stdout);
        Assert.Contains("ujs-svc-editor running as root", use.Stdout);
        Assert.Contains("while locked: dpkg exit 2 dpkg: error: dpkg frontend lock was locked by another process with pid", use.Stdout);

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'A', Added);
        Scenario.AssertDiff(diff, 'M', "/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow", "/etc/passwd-", "/etc/shadow-",
            "/etc/ld.so.cache", "/var/lib/dpkg/status", "/var/lib/dpkg/status-old", "/var/log/dpkg.log", "/var/log/alternatives.log");

        var purge = s.MustJail("dpkg --purge of the 4 packages", "dpkg --purge ujs-svc ujs-greet ujs-hello libujsgreet1\n");
        Assert.Contains("Purging configuration files for ujs-hello", purge.Stdout);

        var gone = s.MustJail("all gone after the purge", """
            for p in ujs-hello ujs-greet libujsgreet1 ujs-svc; do
                if dpkg -s "$p" > /dev/null 2>&1; then echo "$p is still known to dpkg" >&2; exit 1; fi
            done
            if getent passwd ujs-svc || getent passwd ujs-svc2 || getent group ujs-svc; then echo "a user is left" >&2; exit 1; fi
            if grep '^ujs-svc' /etc/shadow /etc/gshadow; then echo "a shadow entry is left" >&2; exit 1; fi
            if update-alternatives --query ujs-editor > /dev/null 2>&1; then echo "the alternative is left" >&2; exit 1; fi
            if ldconfig -p | grep -F libujsgreet; then echo "the library is still in the cache" >&2; exit 1; fi
            for f in /usr/bin/ujs-hello /etc/ujs-hello/hello.conf /usr/bin/ujs-greet /usr/lib/ujs-greet /etc/ld.so.conf.d/ujs-greet.conf \
                     /usr/sbin/ujs-svc-editor /etc/ujs-svc /usr/bin/ujs-editor /etc/alternatives/ujs-editor; do
                if [ -e "$f" ] || [ -L "$f" ]; then echo "$f is still there" >&2; exit 1; fi
            done
            echo gone
            """);
        Assert.Contains("gone", gone.Stdout);

        diff = s.Diff();
        Scenario.AssertNotInDiff(diff, Added);
        Scenario.AssertDiff(diff, 'M', "/var/lib/dpkg/status", "/var/log/dpkg.log");

        clock.Restart();
        watch.AssertUnchanged(gone);
        _output.WriteLine($"host fingerprint again: {clock.Elapsed.TotalSeconds:F2} s");
        foreach (var p in Added) AssertAbsentOnHost(p);
        if (File.Exists("/var/log/dpkg.log")) Assert.DoesNotContain("ujs-", File.ReadAllText("/var/log/dpkg.log"));
    }

    /// <summary>Builds debs/*.deb in Work: sources, gcc, dpkg-deb --root-owner-group.</summary>
    internal const string BuildDebs = """
        umask 022
        control() { # DIR PACKAGE EXTRA-LINES
            mkdir -p "$1/DEBIAN"
            printf 'Package: %s\nVersion: 1.0\nArchitecture: amd64\nMaintainer: ujail tests <tests@example.invalid>\n%sDescription: ujail scenario package %s\n' \
                "$2" "${3:-}" "$2" > "$1/DEBIAN/control"
        }
        # ujs-hello: a program and a conffile
        control pkg/ujs-hello ujs-hello
        mkdir -p pkg/ujs-hello/usr/bin pkg/ujs-hello/etc/ujs-hello src
        cat > src/hello.c <<'EOF'
        #include <stdio.h>
        int main(void) {
            char line[256] = "greeting=missing\n";
            FILE *f = fopen("/etc/ujs-hello/hello.conf", "r");
            if (f) { if (!fgets(line, sizeof line, f)) line[0] = 0; fclose(f); }
            printf("ujs-hello says %s", line);
            return 0;
        }
        EOF
        gcc -O2 -o pkg/ujs-hello/usr/bin/ujs-hello src/hello.c
        printf 'greeting=hello from the conffile\n' > pkg/ujs-hello/etc/ujs-hello/hello.conf
        echo /etc/ujs-hello/hello.conf > pkg/ujs-hello/DEBIAN/conffiles
        # libujsgreet1: a library in a directory only the ld.so.cache knows, with an ldconfig trigger
        control pkg/libujsgreet1 libujsgreet1 'Section: libs
        '
        mkdir -p pkg/libujsgreet1/usr/lib/ujs-greet pkg/libujsgreet1/etc/ld.so.conf.d
        echo 'const char *ujs_greet(void) { return "greetings from libujsgreet.so.1"; }' > src/greet.c
        gcc -O2 -shared -fPIC -Wl,-soname,libujsgreet.so.1 -o pkg/libujsgreet1/usr/lib/ujs-greet/libujsgreet.so.1.0.0 src/greet.c
        ln -s libujsgreet.so.1.0.0 pkg/libujsgreet1/usr/lib/ujs-greet/libujsgreet.so.1
        echo /usr/lib/ujs-greet > pkg/libujsgreet1/etc/ld.so.conf.d/ujs-greet.conf
        echo /etc/ld.so.conf.d/ujs-greet.conf > pkg/libujsgreet1/DEBIAN/conffiles
        echo 'activate-noawait ldconfig' > pkg/libujsgreet1/DEBIAN/triggers
        # ujs-greet: a program linked against it
        control pkg/ujs-greet ujs-greet 'Depends: libujsgreet1 (>= 1.0)
        '
        mkdir -p pkg/ujs-greet/usr/bin
        printf '#include <stdio.h>\nconst char *ujs_greet(void);\nint main(void) { puts(ujs_greet()); return 0; }\n' > src/main.c
        ln -s ../pkg/libujsgreet1/usr/lib/ujs-greet/libujsgreet.so.1.0.0 src/libujsgreet.so
        gcc -O2 -o pkg/ujs-greet/usr/bin/ujs-greet src/main.c -Lsrc -lujsgreet
        # ujs-svc: maintainer scripts add users and an alternative, and remove them again
        control pkg/ujs-svc ujs-svc 'Depends: adduser
        '
        mkdir -p pkg/ujs-svc/usr/sbin pkg/ujs-svc/etc/ujs-svc
        printf '#!/bin/sh\necho "ujs-svc-editor running as $(id -un)"\n' > pkg/ujs-svc/usr/sbin/ujs-svc-editor
        chmod 755 pkg/ujs-svc/usr/sbin/ujs-svc-editor
        printf 'user=ujs-svc\n' > pkg/ujs-svc/etc/ujs-svc/svc.conf
        echo /etc/ujs-svc/svc.conf > pkg/ujs-svc/DEBIAN/conffiles
        cat > pkg/ujs-svc/DEBIAN/postinst <<'EOF'
        #!/bin/sh
        set -e
        if [ "$1" = configure ]; then
            adduser --system --group --quiet --no-create-home --home /nonexistent ujs-svc
            getent passwd ujs-svc2 > /dev/null || useradd -r -M -d /nonexistent -s /usr/sbin/nologin ujs-svc2
            update-alternatives --install /usr/bin/ujs-editor ujs-editor /usr/sbin/ujs-svc-editor 50
        fi
        EOF
        cat > pkg/ujs-svc/DEBIAN/prerm <<'EOF'
        #!/bin/sh
        set -e
        if [ "$1" = remove ]; then
            update-alternatives --remove ujs-editor /usr/sbin/ujs-svc-editor
        fi
        EOF
        cat > pkg/ujs-svc/DEBIAN/postrm <<'EOF'
        #!/bin/sh
        set -e
        if [ "$1" = purge ]; then
            deluser --system --quiet ujs-svc
            userdel ujs-svc2
        fi
        EOF
        chmod 755 pkg/ujs-svc/DEBIAN/postinst pkg/ujs-svc/DEBIAN/prerm pkg/ujs-svc/DEBIAN/postrm
        mkdir debs
        for p in pkg/*; do dpkg-deb --root-owner-group -Zgzip -b "$p" debs/ > /dev/null; done
        ls debs
        """;

    /// <summary>The packages without maintainer scripts, natively into a scratch instdir and admindir as uid
    /// 65534 (timing only).</summary>
    private void NativeReference(Scenario s)
    {
        var native = s.MustNative("native reference", "# native: dpkg -i, --purge, -i again of 3 packages (scratch admindir, uid 65534)\n" + Timed + """
            mkdir -m 1777 native
            mkdir -p native/root/var/lib
            tar -C /var/lib --exclude=lock --exclude=lock-frontend --exclude=Lock -cf - dpkg | tar -C native/root/var/lib -xf -
            chmod -R a+rwX native/root
            sync -f native/root/var/lib/dpkg/status # so dpkg's own fsyncs do not pay for writing back the copy
            nobody=; [ "$(id -u)" = 0 ] && nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --"
            dpkg=($nobody dpkg --force-not-root --instdir="$PWD/native/root" --admindir="$PWD/native/root/var/lib/dpkg" --log="$PWD/native/dpkg.log" --no-triggers)
            t "${dpkg[@]}" -i debs/ujs-hello_1.0_amd64.deb debs/libujsgreet1_1.0_amd64.deb debs/ujs-greet_1.0_amd64.deb > /dev/null
            LD_LIBRARY_PATH=native/root/usr/lib/ujs-greet native/root/usr/bin/ujs-greet
            t "${dpkg[@]}" --purge ujs-greet ujs-hello libujsgreet1 > /dev/null
            t "${dpkg[@]}" -i debs/ujs-hello_1.0_amd64.deb debs/libujsgreet1_1.0_amd64.deb debs/ujs-greet_1.0_amd64.deb > /dev/null
            """);
        Assert.Contains("greetings from libujsgreet.so.1", native.Stdout);
        LogTimes("native", native);
    }

    /// <summary>Asserts that the state's journal has a successful SYSCALL by a program named PROGRAM from a path
    /// starting with FROM to TO.</summary>
    internal static void AssertJournal(Scenario s, string program, string syscall, string from, string to)
    {
        var r = Ujail.Run(new[] { "state", "journal", s.State, "--json" }, s.Unprivileged);
        Expect.Succeeded(r, "ujail state journal");
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("syscall").GetString() == syscall
                        && (e.GetProperty("exe").GetString() ?? "").EndsWith("/" + program, StringComparison.Ordinal)
                        && (e.GetProperty("path").GetString() ?? "").StartsWith(from, StringComparison.Ordinal)
                        && e.GetProperty("path2").GetString() == to)
            .ToList();
        Assert.True(rows.Count > 0, $"the journal has no {syscall} {from}* -> {to} by {program}");
        Assert.True(rows.Any(e => e.GetProperty("result").GetInt64() == 0),
            $"every {syscall} {from}* -> {to} by {program} failed: {string.Join(", ", rows.Select(e => e.GetProperty("result").GetInt64()))}");
    }

    /// <summary>A bash function `t CMD...` that runs CMD and prints "TIME <ms> CMD" on stderr.</summary>
    internal const string Timed = """
        t() { local a=${EPOCHREALTIME/./} rc=0; "$@" || rc=$?; local b=${EPOCHREALTIME/./}; printf 'TIME %d ms: %s\n' $(((b - a) / 1000)) "$*" >&2; return $rc; }

        """;

    internal static void LogTimes(ITestOutputHelper output, string how, RunResult r)
    {
        foreach (var line in r.Stderr.Split('\n').Where(l => l.StartsWith("TIME ", StringComparison.Ordinal)))
            output.WriteLine($"  {how}: {line[5..]}");
    }

    private void LogTimes(string how, RunResult r) => LogTimes(_output, how, r);

    internal static void AssertAbsentOnHost(string path) =>
        Assert.False(File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null,
            $"{path} exists on the host: the scenario needs it absent");
}
