// README's main command (tools/demo.sh) on the shipped example package, fixtures/examples/hello-deb: built with
// dpkg-deb from the checkout, installed with dpkg -i under the jail, and its program run in a second jailed run,
// as root and as uid 65534 with --fake-root. Guards the fixture itself too: a checkout missing the package's
// program (once hidden by the root .gitignore's bin/) installs a package that cannot run.
using UjailOverlay.Jail.Tests.Conformance;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class ExamplePackageScenarioTests
{
    private readonly ITestOutputHelper _output;

    public ExamplePackageScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_example_package_installs_and_its_program_runs(bool unprivileged)
    {
        var example = Path.GetFullPath(Path.Combine(MakeInstallScenarioTests.FixtureDirectory("x"), "..", "..", "examples", "hello-deb"));
        Assert.True(File.Exists(Path.Combine(example, "usr/bin/ujail-hello")), $"{example}/usr/bin/ujail-hello is missing from the checkout");
        using var s = new Scenario("example", unprivileged, _output);
        var watch = s.Watch("/etc", "/var/lib/dpkg", "/usr/bin");
        s.MustNative("copying and building the example package",
            $"cp -r {example} hello-deb && dpkg-deb --root-owner-group -b hello-deb ujail-hello.deb >/dev/null");
        s.MustJail("dpkg -i of the example package", "dpkg -i ujail-hello.deb");
        var run = s.MustJail("the installed program", "ujail-hello");
        Assert.Equal("hello from a package installed inside ujail\n", run.Stdout);
        Scenario.AssertDiff(s.Diff(), 'A', "/usr/bin/ujail-hello", "/etc/ujail-hello.conf");
        watch.AssertUnchanged(run);
        Assert.False(File.Exists("/usr/bin/ujail-hello"), "the example's program appeared on the host");
    }
}
