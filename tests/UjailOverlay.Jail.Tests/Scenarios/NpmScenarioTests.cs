// npm, offline, global and project installs. Two tiny packages are made and `npm pack`ed natively: a library
// and a CLI with a "bin" entry that requires the library. Under the jail:
//  * `npm install -g` of both tarballs as (fake) root puts them into npm's global prefix (/usr here: NodeSource's
//    nodejs; /usr/lib/node_modules and a /usr/bin symlink), and a second jailed run runs the CLI;
//  * in a project directory on the host (created natively, so the jail writes over a host directory the user
//    owns) `npm install` of the library tarball writes node_modules and package-lock.json, and a later run's
//    `rm -rf node_modules && npm ci` rebuilds node_modules from the lock file.
// npm never reaches a registry: the packages are file tarballs, the cache is in the scenario root and the
// registry is a closed local port (any accidental fetch fails fast). As root and as uid 65534 with --fake-root.
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[Collection(ScenarioCollection.Name)]
public sealed class NpmScenarioTests
{
    private readonly ITestOutputHelper _output;

    public NpmScenarioTests(ITestOutputHelper output) => _output = output;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npm_installs_globally_and_into_a_project_offline(bool unprivileged)
    {
        Assert.True(File.Exists("/usr/bin/npm") && File.Exists("/usr/bin/node"), "npm and node are not installed (/usr/bin/npm, /usr/bin/node)");
        var prefix = Sh.Run("/usr/bin/npm", "prefix", "-g").Stdout.Trim();
        Assert.True(prefix.Length > 0 && Directory.Exists(prefix), "npm prefix -g gave no directory: " + prefix);
        var globalModules = Path.Combine(prefix, "lib", "node_modules");
        var globalBin = Path.Combine(prefix, "bin", "ujail-scn-cli");
        string[] hostAbsent = [globalBin, Path.Combine(globalModules, "ujail-scn-cli"), Path.Combine(globalModules, "ujail-scn-lib")];
        AssertAbsent(hostAbsent);

        using var s = new Scenario("npm", unprivileged, _output);
        var env = NpmEnv(s);
        s.MustNative("packing the two packages", """
            mkdir -p lib cli/bin app
            cat > lib/package.json <<'EOF'
            { "name": "ujail-scn-lib", "version": "1.0.0", "main": "index.js", "license": "MIT" }
            EOF
            echo 'exports.greet = (who) => "hello " + who + " from ujail-scn-lib";' > lib/index.js
            cat > cli/package.json <<'EOF'
            { "name": "ujail-scn-cli", "version": "1.0.0", "license": "MIT",
              "bin": { "ujail-scn-cli": "bin/cli.js" }, "dependencies": { "ujail-scn-lib": "1.0.0" } }
            EOF
            printf '#!/usr/bin/env node\nconsole.log(require("ujail-scn-lib").greet(process.argv[2] || "world"));\n' > cli/bin/cli.js
            chmod 755 cli/bin/cli.js
            (cd lib && npm pack --silent --pack-destination ..)
            (cd cli && npm pack --silent --pack-destination ..)
            echo '{ "name": "ujail-scn-app", "version": "1.0.0", "private": true }' > app/package.json
            """, env);
        var app = Path.Combine(s.Work, "app");
        foreach (var t in new[] { "ujail-scn-lib-1.0.0.tgz", "ujail-scn-cli-1.0.0.tgz" })
            Assert.True(File.Exists(Path.Combine(s.Work, t)), "npm pack made no " + t);
        var appBefore = HostFingerprint.Take(app);

        var watch = s.Watch(new[] { "/usr/local", globalModules, Path.Combine(prefix, "bin"), "/etc" }.Distinct().ToArray());

        s.MustJail("npm install -g", "npm install -g ./ujail-scn-lib-1.0.0.tgz ./ujail-scn-cli-1.0.0.tgz", env);
        var cli = s.MustJail("global CLI runs", """
            ujail-scn-cli jail
            npm ls -g --depth=0
            """, env);
        Assert.Contains("hello jail from ujail-scn-lib", cli.Stdout);
        Assert.Contains("ujail-scn-cli@1.0.0", cli.Stdout);

        s.MustJail("npm install in a project", """
            cd app
            npm install ../ujail-scn-lib-1.0.0.tgz
            node -e 'console.log(require("ujail-scn-lib").greet("app"))'
            """, env);
        var ci = s.MustJail("npm ci in a project", """
            cd app
            grep -q '"resolved": "file:../ujail-scn-lib-1.0.0.tgz"' package-lock.json
            rm -rf node_modules
            npm ci
            node -e 'console.log(require("ujail-scn-lib").greet("ci"))'
            """, env);
        Assert.Contains("hello ci from ujail-scn-lib", ci.Stdout);

        var diff = s.Diff();
        Scenario.AssertDiff(diff, 'A', globalBin, Path.Combine(globalModules, "ujail-scn-cli", "bin", "cli.js"),
            Path.Combine(globalModules, "ujail-scn-lib", "index.js"),
            Path.Combine(app, "package-lock.json"), Path.Combine(app, "node_modules", "ujail-scn-lib", "index.js"));
        Scenario.AssertDiff(diff, 'M', Path.Combine(app, "package.json"));

        watch.AssertUnchanged(ci);
        AssertAbsent(hostAbsent);
        var appAfter = HostFingerprint.Take(app);
        Assert.True(appBefore == appAfter, "THE HOST CHANGED: the project directory on the host\n" + HostFingerprint.Difference(appBefore, appAfter));
    }

    /// <summary>npm kept offline and quiet, its cache and user config in the scenario root.</summary>
    private static Dictionary<string, string> NpmEnv(Scenario s) => new()
    {
        ["npm_config_cache"] = Path.Combine(s.Root, "npm-cache"),
        ["npm_config_userconfig"] = Path.Combine(s.Home, ".npmrc"),
        ["npm_config_registry"] = "http://127.0.0.1:9/",
        ["npm_config_offline"] = "true",
        ["npm_config_audit"] = "false",
        ["npm_config_fund"] = "false",
        ["npm_config_update_notifier"] = "false",
        ["npm_config_loglevel"] = "warn",
    };

    private static void AssertAbsent(IEnumerable<string> paths)
    {
        foreach (var p in paths)
            Assert.False(Path.Exists(p), $"{p} exists on the host: the scenario needs it absent");
    }
}
