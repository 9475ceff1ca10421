// Runs the real `ujail` executable (built by the Cli project) as a child process, as root or as the
// unprivileged user 65534 through setpriv. For unprivileged runs the build output is copied once to a
// world-readable directory, since a checkout may live under a 0700 home.
using System.Diagnostics;

namespace UjailOverlay.Jail.Tests.Kit;

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

public static class Ujail
{
    public const int NobodyUid = 65534;

    /// <summary>The command prefix that runs the rest of an argv as uid/gid 65534 with no supplementary groups.</summary>
    public static readonly string[] AsNobody = { "setpriv", $"--reuid={NobodyUid}", $"--regid={NobodyUid}", "--clear-groups", "--" };
    private static readonly Lazy<string> BuildDir = new(FindBuildDir);
    private static readonly Lazy<string> SharedCopy = new(CopyForEveryone);

    public static bool IsRoot => System.Environment.UserName == "root" || GetEuid() == 0;

    private static uint GetEuid() => uint.TryParse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], out var u) ? u : 1;

    /// <summary>The directory holding ujail.dll (and the apphost `ujail`).</summary>
    public static string Directory(bool unprivileged) => unprivileged ? SharedCopy.Value : BuildDir.Value;

    private static string FindBuildDir()
    {
        var here = AppContext.BaseDirectory; // tests/UjailOverlay.Jail.Tests/bin/<Config>/net10.0/
        var config = new DirectoryInfo(here).Parent!.Name;
        var root = Path.GetFullPath(Path.Combine(here, "../../../../.."));
        var dir = Path.Combine(root, "src/UjailOverlay.Cli/bin", config, "net10.0");
        if (!File.Exists(Path.Combine(dir, "ujail.dll"))) throw new InvalidOperationException("ujail is not built: " + dir);
        return dir;
    }

    private static string CopyForEveryone()
    {
        var target = Path.Combine(Path.GetTempPath(), "ujail-test-bin-" + System.Environment.ProcessId);
        System.IO.Directory.CreateDirectory(target);
        foreach (var f in System.IO.Directory.GetFiles(BuildDir.Value))
            File.Copy(f, Path.Combine(target, Path.GetFileName(f)), overwrite: true);
        foreach (var d in System.IO.Directory.GetDirectories(BuildDir.Value, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(BuildDir.Value, d);
            System.IO.Directory.CreateDirectory(Path.Combine(target, rel));
            foreach (var f in System.IO.Directory.GetFiles(d)) File.Copy(f, Path.Combine(target, rel, Path.GetFileName(f)), true);
        }
        Sh.Run("chmod", "-R", "a+rX", target);
        return target;
    }

    /// <summary>Runs `ujail ARGS...` and waits (at most the timeout).</summary>
    public static RunResult Run(IEnumerable<string> args, bool unprivileged = false, string? cwd = null,
        IDictionary<string, string>? env = null, string? stdin = null, int timeoutSeconds = 300)
    {
        var argv = new List<string>();
        if (unprivileged) argv.AddRange(AsNobody);
        argv.Add(Executable(unprivileged));
        argv.AddRange(args);
        return Sh.Exec(argv, cwd, Environment(unprivileged, env), stdin, timeoutSeconds);
    }

    /// <summary>The `ujail` executable the flavour runs.</summary>
    public static string Executable(bool unprivileged) => Path.Combine(Directory(unprivileged), "ujail");

    /// <summary>The environment ujail runs with in these tests, with ENV's entries on top.</summary>
    public static Dictionary<string, string> Environment(bool unprivileged, IDictionary<string, string>? env = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOME"] = unprivileged ? "/tmp" : "/root",
            ["LANG"] = "C.UTF-8",
            ["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost())!,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["TMPDIR"] = "/tmp",
        };
        if (env is not null) foreach (var (k, v) in env) environment[k] = v;
        return environment;
    }

    public static string DotnetHost()
    {
        var p = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(p) && File.Exists(p)) return Path.GetFullPath(p);
        foreach (var c in new[] { "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/bin/dotnet" })
            if (File.Exists(c)) return new FileInfo(c).ResolveLinkTarget(true)?.FullName ?? c;
        return "dotnet";
    }
}

public static class Sh
{
    public static RunResult Exec(IReadOnlyList<string> argv, string? cwd, IDictionary<string, string>? env, string? stdin, int timeoutSeconds)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = cwd ?? "/",
        };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        if (env is not null)
        {
            psi.Environment.Clear();
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new RunResult(-1, stdout.Result, stderr.Result + $"\n[timed out after {timeoutSeconds}s]");
        }
        return new RunResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static RunResult Run(params string[] argv) =>
        Exec(argv, null, null, null, 300);

    public static RunResult Bash(string script, string? cwd = null) =>
        Exec(new[] { "/bin/bash", "-c", script }, cwd, null, null, 300);
}
