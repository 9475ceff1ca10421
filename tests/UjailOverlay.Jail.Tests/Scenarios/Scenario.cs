// One installer scenario's scratch space and the moves every scenario makes: build inputs natively (as the
// flavour's user, in ROOT/work), run a bash script under `ujail run` on ROOT/state (as root, or as uid 65534
// with --fake-root and that user's own HOME and TMPDIR), read `ujail diff`, and watch host trees so that any
// change to them fails the test. Every jailed run's wall time is written to the test output and appended to
// artifacts/test-results/scenario-times.tsv (for the closing notes; never asserted).
//
// ROOT is /tmp/ujail-scn-LABEL-XXXX, mode 0755, owned by the flavour's user. The scenarios share one xunit
// collection so they run one at a time: they are long, and their timings mean more on a quiet machine.
using System.Diagnostics;
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Scenarios;

[CollectionDefinition(Name)]
public sealed class ScenarioCollection
{
    public const string Name = "installer scenarios";
}

public sealed class Scenario : IDisposable
{
    public const string Path_ = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly ITestOutputHelper? _log;
    private readonly string _label;

    public string Root { get; }
    public string State => Path.Combine(Root, "state");
    /// <summary>HOME of every run (native and jailed), owned by the flavour's user.</summary>
    public string Home => Path.Combine(Root, "home");
    /// <summary>TMPDIR of every run, owned by the flavour's user.</summary>
    public string Tmp => Path.Combine(Root, "tmp");
    /// <summary>Where inputs are built natively and where jailed scripts start (cwd).</summary>
    public string Work => Path.Combine(Root, "work");
    public bool Unprivileged { get; }
    public string Flavour => Unprivileged ? "uid 65534 --fake-root" : "root";

    public Scenario(string label, bool unprivileged, ITestOutputHelper? log = null)
    {
        _label = label;
        _log = log;
        Unprivileged = unprivileged;
        Root = Directory.CreateTempSubdirectory($"ujail-scn-{label}-").FullName;
        foreach (var d in new[] { Home, Tmp, Work }) Directory.CreateDirectory(d);
        Expect.Succeeded(Sh.Run("chmod", "0755", Root, Home, Tmp, Work), "chmod of the scenario root");
        if (unprivileged)
            Expect.Succeeded(Sh.Run("chown", "-R", $"{Ujail.NobodyUid}:{Ujail.NobodyUid}", Root), "chown of the scenario root");
    }

    /// <summary>The environment of every run: a fixed PATH and locale, HOME and TMPDIR in the scratch root.</summary>
    public Dictionary<string, string> Environment(IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = Path_, ["HOME"] = Home, ["TMPDIR"] = Tmp, ["LANG"] = "C.UTF-8",
            ["DEBIAN_FRONTEND"] = "noninteractive",
            ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1", ["DOTNET_CLI_HOME"] = Home,
            ["DOTNET_ROOT"] = Path.GetDirectoryName(Ujail.DotnetHost())!,
        };
        if (extra is not null) foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    /// <summary>Runs SCRIPT with bash natively as the flavour's user in Work (for building inputs; never for
    /// anything that writes outside Root).</summary>
    public RunResult Native(string script, IDictionary<string, string>? env = null, int timeoutSeconds = 300)
    {
        var watch = Stopwatch.StartNew();
        var r = Probes.RunNative(new[] { "/bin/bash", "-euo", "pipefail", "-c", script }, Unprivileged, Work, Environment(env),
            timeoutSeconds: timeoutSeconds);
        Log($"native {watch.Elapsed.TotalSeconds:F2} s", script, r);
        return r;
    }

    /// <summary>Native SCRIPT that must succeed.</summary>
    public RunResult MustNative(string what, string script, IDictionary<string, string>? env = null, int timeoutSeconds = 300)
    {
        var r = Native(script, env, timeoutSeconds);
        Expect.Succeeded(r, what + " (native)");
        return r;
    }

    /// <summary>`ujail run --state State [--fake-root] -- /bin/bash -euo pipefail -c SCRIPT` in Work, as the
    /// flavour's user; --fake-root whenever the flavour is unprivileged (or FAKEROOT says so).</summary>
    public RunResult Jailed(string script, IDictionary<string, string>? env = null, int timeoutSeconds = 900,
        bool? fakeRoot = null, string? what = null)
    {
        var args = new List<string> { "run", "--state", State };
        if (fakeRoot ?? Unprivileged) args.Add("--fake-root");
        args.AddRange(new[] { "--", "/bin/bash", "-euo", "pipefail", "-c", script });
        var watch = Stopwatch.StartNew();
        var r = Ujail.Run(args, Unprivileged, cwd: Work, env: Environment(env), timeoutSeconds: timeoutSeconds);
        var seconds = watch.Elapsed.TotalSeconds;
        Log($"jailed {seconds:F2} s", what ?? script, r);
        RecordTime(what ?? FirstLine(script), seconds, r.ExitCode);
        return r;
    }

    /// <summary>Jailed SCRIPT that must exit 0; WHAT names the step in the timing log and in a failure.</summary>
    public RunResult MustJail(string what, string script, IDictionary<string, string>? env = null, int timeoutSeconds = 900,
        bool? fakeRoot = null)
    {
        var r = Jailed(script, env, timeoutSeconds, fakeRoot, what);
        Expect.Succeeded(r, $"{what} under the jail ({Flavour})");
        return r;
    }

    /// <summary>`ujail diff State ARGS...` as the flavour's user; exit 0 (no change) or 1 (changes) is fine.</summary>
    public string Diff(params string[] args)
    {
        var r = Ujail.Run(new[] { "diff", State }.Concat(args), Unprivileged, cwd: Work, env: Environment());
        Assert.True(r.ExitCode is 0 or 1, "ujail diff failed: " + r);
        return r.Stdout;
    }

    /// <summary>The diff line for PATH ("A  /usr/bin/x"), or null. Lines are "CODE  PATH[ (details)]" (two
    /// spaces after the one-letter code, as DiffLinesRenderer writes them).</summary>
    public static string? DiffLine(string diff, string path) =>
        diff.Split('\n').FirstOrDefault(l => l.Length > 2 && l[1..].TrimStart(' ') is var rest
            && (rest == path || rest.StartsWith(path + " ", StringComparison.Ordinal)));

    /// <summary>Asserts that DIFF has a line with change code CODE (A, D, M, T, m, L) for each of PATHS.</summary>
    public static void AssertDiff(string diff, char code, params string[] paths)
    {
        foreach (var p in paths)
        {
            var line = DiffLine(diff, p);
            Assert.True(line is not null && line[0] == code,
                $"ujail diff should say '{code} {p}', it says {(line is null ? "nothing about it" : $"'{line}'")}\n--- diff\n{Expect.Tail(diff, 120)}");
        }
    }

    /// <summary>Asserts DIFF says nothing about any of PATHS.</summary>
    public static void AssertNotInDiff(string diff, params string[] paths)
    {
        foreach (var p in paths)
            Assert.True(DiffLine(diff, p) is null, $"ujail diff should not mention {p}: '{DiffLine(diff, p)}'");
    }

    /// <summary>Fingerprints ROOTS now (Root itself is skipped); AssertUnchanged compares again.</summary>
    public HostWatch Watch(params string[] roots) => new(roots, new[] { Root });

    private void Log(string head, string script, RunResult r)
    {
        if (_log is null) return;
        _log.WriteLine($"[{_label}, {Flavour}] {head}, exit {r.ExitCode}: {FirstLine(script)}");
        if (r.ExitCode != 0) _log.WriteLine(Expect.Tail(r.Stdout, 40) + "\n" + Expect.Tail(r.Stderr, 40));
    }

    private void RecordTime(string what, double seconds, int exit)
    {
        try
        {
            var dir = ResultsDirectory();
            Directory.CreateDirectory(dir);
            File.AppendAllText(Path.Combine(dir, "scenario-times.tsv"),
                $"{_label}\t{Flavour}\t{what.Replace('\t', ' ')}\t{seconds:F2}\t{exit}\n");
        }
        catch (IOException) { /* timings are informational */ }
    }

    private static string ResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UjailOverlay.sln")))
                return Path.Combine(dir.FullName, "artifacts", "test-results");
        return Path.GetTempPath();
    }

    private static string FirstLine(string s)
    {
        var line = s.TrimStart().Split('\n')[0].Trim();
        return line.Length > 100 ? line[..100] + "..." : line;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* left for the OS to clean */ }
    }
}

/// <summary>Host trees fingerprinted when made; AssertUnchanged fails with the first difference.</summary>
public sealed class HostWatch
{
    private readonly string[] _roots;
    private readonly string[] _skip;
    private readonly string _before;

    public HostWatch(string[] roots, string[] skip)
    {
        _roots = roots;
        _skip = skip;
        _before = HostFingerprint.Take(roots, skip);
    }

    public void AssertUnchanged(RunResult? lastRun = null)
    {
        var diff = HostFingerprint.Difference(_before, HostFingerprint.Take(_roots, _skip));
        if (diff is null) return;
        Assert.Fail($"THE HOST CHANGED under {string.Join(", ", _roots)}\nfirst difference:\n{diff}" +
                    (lastRun is null ? "" : $"\n--- last jailed run: {lastRun}"));
    }
}
