// The C probe programs of fixtures/probes, compiled with gcc once per source version into a world-readable
// directory (/tmp/ujail-probes-<hash of the sources>/, so uid 65534 and later test runs can use them) in each
// build variant: dynamic, static, and raw (static, every file syscall through an inline `syscall` instruction).
// Also runs programs natively, as root or as uid 65534 through setpriv, with the same environment the jailed
// runs get. A missing gcc or static C library is an error with a clear message, never a silent pass.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace UjailOverlay.Jail.Tests.Kit;

public enum ProbeVariant { Dynamic, Static, Raw }

public static class Probes
{
    private static readonly Lazy<string> SourceDirectory = new(FindSourceDirectory);
    private static readonly Lazy<string> OutputDirectory = new(MakeOutputDirectory);
    private static readonly ConcurrentDictionary<(string Name, ProbeVariant Variant), Lazy<string>> Built = new();

    /// <summary>fixtures/probes of this checkout.</summary>
    public static string SourceDir => SourceDirectory.Value;

    /// <summary>The compiled probe NAME (fixtures/probes/NAME.c) in VARIANT, built on first use.</summary>
    public static string Executable(string name, ProbeVariant variant = ProbeVariant.Dynamic) =>
        Built.GetOrAdd((name, variant), key => new Lazy<string>(() => Compile(key.Name, key.Variant))).Value;

    private static string FindSourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "probes");
            if (File.Exists(Path.Combine(candidate, "probe.h"))) return candidate;
        }
        throw new InvalidOperationException("fixtures/probes not found above " + AppContext.BaseDirectory);
    }

    /// <summary>/tmp/ujail-probes-HASH, HASH over every probe source, so an edited probe is rebuilt.</summary>
    private static string MakeOutputDirectory()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(SourceDir).Where(f => f.EndsWith(".c") || f.EndsWith(".h")).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        var hash = Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
        var dir = Path.Combine("/tmp", "ujail-probes-" + hash);
        Directory.CreateDirectory(dir);
        Chmod("0755", dir); // uid 65534 runs the probes too
        return dir;
    }

    private static string Compile(string name, ProbeVariant variant)
    {
        var source = Path.Combine(SourceDir, name + ".c");
        if (!File.Exists(source)) throw new ArgumentException($"no probe {name}: {source} does not exist");
        var exe = Path.Combine(OutputDirectory.Value, $"{name}-{variant.ToString().ToLowerInvariant()}");
        if (File.Exists(exe)) return exe;

        var gcc = new[] { "/usr/bin/gcc", "/usr/local/bin/gcc", "/bin/gcc" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "gcc is not installed: the jail tests compile the C probes in fixtures/probes. Install gcc and libc6-dev (.ci/run does).");
        // Built under a private name and renamed into place, so parallel test processes never run a half-written file.
        var temp = $"{exe}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var argv = new List<string> { gcc, "-std=c11", "-O1", "-Wall", "-Wextra", "-pthread", "-I", SourceDir, "-o", temp, source };
        if (variant is ProbeVariant.Static or ProbeVariant.Raw) argv.Add("-static");
        if (variant is ProbeVariant.Raw) argv.Add("-DUJAIL_RAW_SYSCALLS");
        var r = Sh.Exec(argv, SourceDir, null, null, 300);
        if (r.ExitCode != 0)
        {
            File.Delete(temp);
            var hint = variant != ProbeVariant.Dynamic && r.Stderr.Contains("cannot find -l")
                ? " The static C library is missing: install libc6-dev (it ships libc.a) — .ci/run does."
                : "";
            throw new InvalidOperationException($"compiling probe {name} ({variant}) failed.{hint}\n{string.Join(' ', argv)}\n{r}");
        }
        Chmod("0755", temp);
        File.Move(temp, exe, overwrite: true);
        return exe;
    }

    /// <summary>Probe NAME linked with INTERPRETER as its program interpreter (PT_INTERP), built into DIR (the
    /// path is the test's own, so the probe is too) and made world-executable.</summary>
    public static string WithInterpreter(string name, string interpreter, string dir)
    {
        var exe = Path.Combine(dir, name);
        var argv = new List<string> { "gcc", "-std=c11", "-O1", "-Wall", "-Wextra", "-I", SourceDir, "-o", exe,
            Path.Combine(SourceDir, name + ".c"), "-Wl,--dynamic-linker=" + interpreter };
        var r = Sh.Exec(argv, SourceDir, null, null, 300);
        if (r.ExitCode != 0) throw new InvalidOperationException($"compiling probe {name} with interpreter {interpreter} failed\n{r}");
        Chmod("0755", exe);
        return exe;
    }

    /// <summary>chmod(1): File.SetUnixFileMode would make the whole assembly Linux-only for the analyzers.</summary>
    public static void Chmod(string mode, string path)
    {
        var r = Sh.Run("chmod", mode, path);
        if (r.ExitCode != 0) throw new InvalidOperationException($"chmod {mode} {path}\n{r}");
    }

    /// <summary>The environment of native runs: the one <see cref="Ujail.Run"/> gives ujail (which passes it on to
    /// the jailed program), so native and jailed runs of a program see the same variables.</summary>
    public static Dictionary<string, string> NativeEnvironment(bool unprivileged) => new()
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["HOME"] = unprivileged ? "/tmp" : "/root",
        ["LANG"] = "C.UTF-8",
        ["TMPDIR"] = "/tmp",
    };

    /// <summary>Runs ARGV natively, as root or (unprivileged) as uid/gid 65534 with no supplementary groups.</summary>
    public static RunResult RunNative(IEnumerable<string> argv, bool unprivileged, string? cwd = null,
        IDictionary<string, string>? env = null, string? stdin = null, int timeoutSeconds = 300)
    {
        var full = new List<string>();
        if (unprivileged) full.AddRange(Ujail.AsNobody);
        full.AddRange(argv);
        var environment = NativeEnvironment(unprivileged);
        if (env is not null) foreach (var (k, v) in env) environment[k] = v;
        return Sh.Exec(full, cwd, environment, stdin, timeoutSeconds);
    }
}
