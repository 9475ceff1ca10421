// The jailed tree's first process comes in two builds that speak one protocol: the static C ujail-trampoline
// the build puts beside ujail (used when present) and the managed `ujail __trampoline` (used without it, or
// with UJAIL_TRAMPOLINE=managed). Each must start the command as execvp(3) would and leave it the descriptors
// it was asked to keep, and only those (fd 3 too, where the control socket goes by default): run here for
// both, as root and as uid 65534.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class TrampolineTests
{
    public static readonly TheoryData<string, bool> Flavours = new()
    {
        { "native", false }, { "native", true }, { "managed", false }, { "managed", true },
    };

    /// <summary>The environment that picks a trampoline ("native" is the default: nothing to set).</summary>
    public static Dictionary<string, string> Pick(string trampoline) =>
        trampoline == "managed" ? new() { ["UJAIL_TRAMPOLINE"] = "managed" } : new();

    [Fact]
    public void The_build_puts_the_native_trampoline_beside_ujail()
    {
        var path = Path.Combine(Ujail.Directory(false), "ujail-trampoline");
        Assert.True(File.Exists(path), $"{path} is missing: the Cli build compiles it with gcc (see its warning)");
        Assert.True(OperatingSystem.IsLinux() && (File.GetUnixFileMode(path) & UnixFileMode.OtherExecute) != 0, $"{path} is not executable by everyone");
    }

    [RootTheory]
    [MemberData(nameof(Flavours))]
    public void The_command_is_found_and_run_as_execvp_would(string trampoline, bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "execvp-" + trampoline);
        var bin = Path.Combine(s.Host, "bin");
        Expect.Succeeded(s.RunNative("/bin/sh", "-c", $"""
            umask 022; mkdir -p '{bin}'
            printf '#!/bin/sh\necho via-path "$1"\n' > '{bin}/by-name'; chmod 755 '{bin}/by-name'
            printf 'echo no-shebang "$1"\n' > '{bin}/no-shebang'; chmod 755 '{bin}/no-shebang'
            printf 'echo never\n' > '{bin}/not-executable'; chmod 644 '{bin}/not-executable'
            """), "seeding the commands");
        var env = Pick(trampoline);
        env["PATH"] = $"{bin}:/usr/bin:/bin";

        var byName = s.Jailed(new[] { "by-name", "x" }, env);
        Assert.True(byName.ExitCode == 0 && byName.Stdout == "via-path x\n", "a name looked for in PATH: " + byName);
        var script = s.Jailed(new[] { Path.Combine(bin, "no-shebang"), "y" }, env);
        Assert.True(script.ExitCode == 0 && script.Stdout == "no-shebang y\n", "a script without #! (ENOEXEC: run by /bin/sh): " + script);
        var missing = s.Jailed(new[] { "no-such-command-here" }, env);
        Assert.True(missing.ExitCode == 127 && missing.Stderr.Contains("no-such-command-here: command not found"), "a missing command: " + missing);
        var denied = s.Jailed(new[] { Path.Combine(bin, "not-executable") }, env);
        Assert.True(denied.ExitCode == 126 && denied.Stderr.Contains("not-executable: Permission denied") && !denied.Stdout.Contains("never"),
            "a file without x permission: " + denied);
    }

    [RootTheory]
    [MemberData(nameof(Flavours))]
    public void Only_the_kept_descriptors_reach_the_command(string trampoline, bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "keepfd-" + trampoline);
        var argv = new List<string>();
        if (unprivileged) argv.AddRange(Ujail.AsNobody);
        argv.AddRange(new[]
        {
            "/bin/bash", "-c", "exec 3</etc/hostname 7</etc/hostname 8</etc/hostname; exec \"$@\"", "bash",
            Ujail.Executable(unprivileged), "run", "--keep-fd", "3", "--keep-fd", "7", "--state", s.State, "--",
            "/bin/sh", "-c", "read -r a <&3 && read -r b <&7 && [ \"$a\" = \"$b\" ] && echo three-and-seven; [ -e /proc/self/fd/8 ] || echo no-eight",
        });
        var r = Sh.Exec(argv, s.Root, Ujail.Environment(unprivileged, Pick(trampoline)), null, 300);
        Assert.True(r.ExitCode == 0 && r.Stdout == "three-and-seven\nno-eight\n", "--keep-fd 3 --keep-fd 7 with 3, 7 and 8 inherited: " + r);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Keep_fd_refuses_the_descriptors_ujail_opened_itself(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "keepfd-own");
        // bash closes 3-12 before it execs ujail (the test host may hand down a descriptor of its own), so
        // whatever ujail holds at those numbers is free or the runtime's own (pipes, a socket, /dev/urandom).
        for (var fd = 3; fd <= 12; fd++)
        {
            var argv = new List<string>();
            if (unprivileged) argv.AddRange(Ujail.AsNobody);
            argv.AddRange(new[]
            {
                "/bin/bash", "-c", "exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- 10>&- 11>&- 12>&-; exec \"$@\"", "bash",
                Ujail.Executable(unprivileged), "run", "--keep-fd", fd.ToString(), "--state", s.State, "--", "/bin/true",
            });
            var r = Sh.Exec(argv, s.Root, Ujail.Environment(unprivileged), null, 300);
            Assert.True(r.ExitCode == 71 && r.Stderr.Trim().Split('\n').Length == 1
                && (r.Stderr.Contains("no such open descriptor") || r.Stderr.Contains("not a descriptor ujail inherited")),
                $"--keep-fd {fd} with no descriptor {fd} inherited: " + r);
        }
    }
}
