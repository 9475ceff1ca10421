// The .NET SDK under the jail, offline: `dotnet new console` and `dotnet build` in a host directory, then a
// second jailed run starts the built program three ways (`dotnet run --no-build`, `dotnet app.dll`, the apphost
// ELF the build wrote into the overlay) and each prints "Hello, World!". A console app needs no package beyond
// the SDK's own packs, so restore is given no source at all (nuget.config with <clear/>) and a package folder in
// the scenario's HOME. The build starts MSBuild worker nodes and the C# compiler server, which outlive the
// command; the run must still end when the command does (they are killed), not after their idle timeouts.
// As root and as uid 65534 with --fake-root (the SDK in /usr/share/dotnet is only read; first-run files go to
// DOTNET_CLI_HOME, the scenario's HOME).
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class DotnetScenarioTests
{
    private readonly ITestOutputHelper _output;

    public DotnetScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dotnet_new_console_builds_offline_and_runs_in_a_second_run(bool unprivileged)
    {
        var dotnet = Ujail.DotnetHost();
        var sdkRoot = Path.GetDirectoryName(dotnet)!;
        Assert.True(File.Exists(dotnet) && Directory.Exists(Path.Combine(sdkRoot, "sdk")), "no .NET SDK found at " + sdkRoot);

        using var s = new Scenario("dotnet", unprivileged, _output);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(s.Home, "nuget-packages") };
        s.MustNative("writing nuget.config", """
            cat > nuget.config <<'EOF'
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /></packageSources>
            </configuration>
            EOF
            """);
        var app = Path.Combine(s.Work, "app");
        // Every dotnet CLI run creates and deletes a probe file in SDKROOT/metadata, so native dotnet processes
        // on the host (the test runner's own CLI, parallel builds) change that directory's times while the
        // test runs; it is left out of the watch, and the state's diff must say nothing of the SDK instead.
        var watch = new HostWatch(new[] { sdkRoot, "/etc", "/usr/local" }, new[] { s.Root, Path.Combine(sdkRoot, "metadata") });

        var build = s.MustJail("dotnet new console and build", """
            dotnet new console -o app
            cd app
            dotnet build -nologo
            """, env);
        Assert.Contains("Build succeeded.", build.Stdout);

        var run = s.MustJail("run the built program", """
            cd app
            dotnet run --no-build
            dotnet bin/Debug/net10.0/app.dll
            ./bin/Debug/net10.0/app
            """, env);
        Assert.Equal("Hello, World!\nHello, World!\nHello, World!\n", run.Stdout);

        var diff = s.Diff(app);
        Scenario.AssertDiff(diff, 'A', app, Path.Combine(app, "app.csproj"), Path.Combine(app, "Program.cs"),
            Path.Combine(app, "obj", "project.assets.json"), Path.Combine(app, "bin", "Debug", "net10.0", "app.dll"),
            Path.Combine(app, "bin", "Debug", "net10.0", "app"));

        Assert.True(s.Diff(sdkRoot) == "", "the jailed SDK left changes in its own install directory:\n" + s.Diff(sdkRoot));
        watch.AssertUnchanged(run);
        Assert.False(Path.Exists(app), $"{app} exists on the host: the jailed build wrote through");
        Assert.False(Directory.Exists(Path.Combine(s.Home, "nuget-packages")) && Directory.EnumerateFileSystemEntries(Path.Combine(s.Home, "nuget-packages")).Any(),
            "the host's package folder got packages");
    }
}
