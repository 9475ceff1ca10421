// probe_escape under the jail: one attempt per threat-model class against a seeded host directory (fd metadata
// on read-only fds, /proc and /dev/fd reopen, hard links and O_TMPFILE, shared mappings, renames and unlinks of
// host entries, symlinks and `..` out of scratch dirs, dirfds, file handles, int $0x80 and x32, io_uring,
// seccomp listeners, namespaces, ptrace, pidfd_getfd). The host must stay byte- and metadata-identical and
// nothing may appear beside it; the deny-list classes must fail with the errno the design promises. A control
// runs the probe natively on a copy and sees it change. As root and as uid 65534 with the tree owned by 65534.
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Escapes;

public sealed class EscapeProbeTests
{
    /// <summary>Attempt → the results accepted under the jail (threat-model.md §2 (d), engine-notes "Fail closed").</summary>
    private static readonly Dictionary<string, string[]> Denied = new()
    {
        ["mmap_shared:write"] = new[] { "EACCES" },
        ["mmap_shared:mprotect"] = new[] { "EACCES" },
        ["io_uring:setup"] = new[] { "ENOSYS" },
        ["seccomp_notify:new_listener"] = new[] { "EPERM" },
        ["tiocsti:plain"] = new[] { "EPERM", "n/a" },      // n/a: stdin is not a terminal in tests
        ["tiocsti:highbits"] = new[] { "EPERM", "n/a" },
        ["userns_mount:unshare_user"] = new[] { "EPERM" },
        ["userns_mount:unshare_mnt"] = new[] { "EPERM" },
        ["userns_mount:chroot"] = new[] { "EPERM" },
        ["userns_mount:fsopen"] = new[] { "EPERM" },
        ["clone3:plain"] = new[] { "ENOSYS" },
        ["ptrace_host:traceme"] = new[] { "EPERM" },
        ["ptrace_host:attach_parent"] = new[] { "EPERM" },
        ["ptrace_host:vmwritev_self"] = new[] { "EPERM" },
        ["ptrace_host:pidfd_getfd"] = new[] { "EPERM" },
        ["handle:open_by_handle_at"] = new[] { "EPERM" },
        ["x32:open"] = new[] { "ENOSYS" },
    };

    [RootTheory]
    [InlineData(ProbeVariant.Dynamic, false)]
    [InlineData(ProbeVariant.Static, false)]
    [InlineData(ProbeVariant.Dynamic, true)]
    [InlineData(ProbeVariant.Static, true)]
    public void Escape_attempts_leave_the_host_unchanged(ProbeVariant variant, bool unprivileged)
    {
        var escape = Probes.Executable("probe_escape", variant);
        using var s = new Scratch(unprivileged, "escape");
        s.Seed(s.Host);
        var before = s.Snapshot();

        var jailed = s.Jailed(escape, s.Host, Path.Combine(s.Root, "scratch"));
        s.AssertHostUnchanged(before, jailed);
        var beside = Directory.GetFileSystemEntries(s.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.True(beside.SequenceEqual(new[] { "host", "state" }),
            "entries appeared beside the host tree: " + string.Join(", ", beside) + "\n" + jailed);

        var results = Parse(jailed.Stdout);
        var wrong = new List<string>();
        foreach (var (attempt, accepted) in Denied)
            if (!results.TryGetValue(attempt, out var got)) wrong.Add($"{attempt}: missing (expected {string.Join(" or ", accepted)})");
            else if (!accepted.Contains(got)) wrong.Add($"{attempt}: {got} (expected {string.Join(" or ", accepted)})");
        if (results.TryGetValue("int80:open", out var int80) && int80 == "OK") wrong.Add("int80:open: OK (an i386 open of a host file for writing succeeded)");
        Assert.True(jailed.ExitCode == 0 && wrong.Count == 0,
            $"probe_escape under the jail ({variant}, {(unprivileged ? "uid 65534" : "root")}):\n" +
            string.Join('\n', wrong) + "\n--- full run\n" + jailed);
    }

    /// <summary>The control: run natively on a copy, the same attempts do change it, so an unchanged host under
    /// the jail means the jail stopped them.</summary>
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unjailed_the_same_attempts_change_the_tree(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "escape-control");
        s.Seed(s.Native);
        var before = Scratch.Snapshot(s.Native);
        // Under a shell that waits, so the probe's ptrace attempt seizes that shell, never the test host.
        var native = s.RunNative("/bin/sh", "-c", "\"$@\"; exit $?", "sh", Probes.Executable("probe_escape"), s.Native, Path.Combine(s.Root, "scratch"));
        Expect.Succeeded(native, "probe_escape natively");
        var results = Parse(native.Stdout);
        Assert.True(results.GetValueOrDefault("fd_meta:fchmod") == "OK" && results.GetValueOrDefault("unlink:host") == "OK",
            "natively the attempts should succeed\n" + native);
        Assert.NotEqual(before, Scratch.Snapshot(s.Native));
    }

    /// <summary>"class:variant: RESULT" lines.</summary>
    private static Dictionary<string, string> Parse(string stdout)
    {
        var d = new Dictionary<string, string>();
        foreach (var line in stdout.Split('\n'))
        {
            var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && line.IndexOf(':') < colon) d[line[..colon]] = line[(colon + 2)..];
        }
        return d;
    }
}
