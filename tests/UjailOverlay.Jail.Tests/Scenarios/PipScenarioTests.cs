// pip, Debian's /usr/bin/python3, installing into the system: a tiny project with a console-script entry point
// is built into a wheel natively (pip wheel, setuptools, no network), then under the jail `pip install
// --break-system-packages` puts it into /usr/local/lib/python3.11/dist-packages and /usr/local/bin as (fake)
// root; a second jailed run runs the console script and finds the package with `pip show`; a third uninstalls
// it; a fourth sees it gone. As root and as uid 65534 with --fake-root (pip must believe it may write the system
// site-packages, else it falls back to a --user install). The host's Python and /usr/local stay unchanged.
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class PipScenarioTests
{
    private const string SitePackages = "/usr/local/lib/python3.11/dist-packages";
    private const string Script = "/usr/local/bin/ujail-scn-hello";
    private const string Package = SitePackages + "/ujail_scn_hello";
    private const string DistInfo = SitePackages + "/ujail_scn_hello-1.0.dist-info";

    private static readonly Dictionary<string, string> PipEnv = new()
    {
        ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1", ["PIP_NO_INPUT"] = "1", ["PIP_NO_INDEX"] = "1", ["PIP_NO_CACHE_DIR"] = "1",
    };

    private readonly ITestOutputHelper _output;

    public PipScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pip_installs_a_wheel_with_a_console_script_runs_it_and_uninstalls_it(bool unprivileged)
    {
        var tools = Sh.Run("/usr/bin/python3", "-c", "import setuptools, wheel, pip");
        Assert.True(tools.ExitCode == 0,
            "Debian's /usr/bin/python3 needs pip, setuptools and wheel (apt-get install python3-pip python3-setuptools python3-wheel)\n" + tools);
        AssertAbsentOnHost();
        using var s = new Scenario("pip", unprivileged, _output);

        s.MustNative("building the wheel", """
            mkdir -p proj/ujail_scn_hello
            cat > proj/pyproject.toml <<'EOF'
            [build-system]
            requires = ["setuptools"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "ujail-scn-hello"
            version = "1.0"

            [project.scripts]
            ujail-scn-hello = "ujail_scn_hello:main"
            EOF
            cat > proj/ujail_scn_hello/__init__.py <<'EOF'
            import sys

            def main():
                print("hello from ujail-scn-hello on python %d.%d" % sys.version_info[:2])
            EOF
            /usr/bin/python3 -m pip wheel -q --no-deps --no-build-isolation -w dist ./proj
            ls dist
            """, PipEnv);
        var wheel = Path.Combine(s.Work, "dist", "ujail_scn_hello-1.0-py3-none-any.whl");
        Assert.True(File.Exists(wheel), "the native build made no " + wheel);

        var watch = s.Watch("/usr/local", "/usr/lib/python3", "/usr/lib/python3.11", "/etc");

        var install = s.MustJail("pip install", $"""
            /usr/bin/python3 -m pip install --break-system-packages {wheel}
            """, PipEnv);
        Assert.Contains("Successfully installed ujail-scn-hello-1.0", install.Stdout);

        var run = s.MustJail("console script and pip show", """
            ujail-scn-hello
            /usr/bin/python3 -m pip show ujail-scn-hello
            /usr/bin/python3 -c 'import ujail_scn_hello; print(ujail_scn_hello.__file__)'
            """, PipEnv);
        Assert.Contains("hello from ujail-scn-hello on python 3.11", run.Stdout);
        Assert.Contains($"Location: {SitePackages}", run.Stdout);
        Assert.Contains($"{Package}/__init__.py", run.Stdout);

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'A', Script, Package, Package + "/__init__.py", DistInfo, DistInfo + "/RECORD",
            DistInfo + "/entry_points.txt");
        Assert.StartsWith("#!/usr/bin/python3", Cat(s, Script));

        var uninstall = s.MustJail("pip uninstall", "/usr/bin/python3 -m pip uninstall -y --break-system-packages ujail-scn-hello", PipEnv);
        Assert.Contains("Successfully uninstalled ujail-scn-hello-1.0", uninstall.Stdout);

        var gone = s.MustJail("gone after uninstall", """
            if command -v ujail-scn-hello; then echo "script still there"; exit 1; fi
            if /usr/bin/python3 -m pip show ujail-scn-hello; then echo "pip still shows it"; exit 1; fi
            if /usr/bin/python3 -c 'import ujail_scn_hello' 2>/dev/null; then echo "still importable"; exit 1; fi
            echo gone
            """, PipEnv);
        Assert.Contains("gone", gone.Stdout);
        Scenario.AssertNotInDiff(s.Diff(), Script, Package + "/__init__.py", DistInfo + "/RECORD");

        watch.AssertUnchanged(gone);
        AssertAbsentOnHost();
    }

    private static string Cat(Scenario s, string path)
    {
        var r = Ujail.Run(new[] { "cat", s.State, path }, s.Unprivileged, cwd: s.Work, env: s.Environment());
        Expect.Succeeded(r, "ujail cat " + path);
        return r.Stdout;
    }

    private static void AssertAbsentOnHost()
    {
        foreach (var p in new[] { Script, Package, DistInfo })
            Assert.False(Path.Exists(p), $"{p} exists on the host: the scenario needs it absent");
    }
}
