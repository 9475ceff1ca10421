// --fake-root as a normal user: the jailed tree is root, and the user's own host files are shown as root's
// (as fakeroot and proot -0 show them), so tools that insist a root-run repository or archive belongs to root
// (git's safe.directory check, tar and cp ownership) behave as for a real root at home. Files of other owners
// keep their owners; ownership set inside the jail shows as set; the state and `ujail diff` keep the real
// owner (nothing is recorded for a file that was only looked at). Run as root, nothing is mapped.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class FakeRootOwnershipTests
{
    [RootFact]
    public void The_users_own_files_are_shown_as_roots_and_others_keep_their_owners()
    {
        using var s = new Scratch(unprivileged: true, "fakeroot-owners");
        var mine = Path.Combine(s.Root, "mine.txt");
        var theirs = Path.Combine(s.Root, "theirs.txt");
        Expect.Succeeded(s.RunNative("/bin/sh", "-c", $"echo mine > {mine}"), "a file of uid 65534");
        File.WriteAllText(theirs, "theirs");
        Expect.Succeeded(Sh.Run("chown", "1234:1235", theirs), "chown of a file to another user");
        var script = $"""
            id -u; id -g
            stat -c '%u:%g %n' {mine} {theirs} /etc/hostname
            touch {s.Root}/made; chown 4321:4322 {s.Root}/made; stat -c '%u:%g made' {s.Root}/made
            """;
        var run = Ujail.Run(new[] { "run", "--state", s.State, "--fake-root", "--", "/bin/sh", "-ec", script }, unprivileged: true);
        Expect.Succeeded(run, "stat under --fake-root");
        Assert.Equal($"0\n0\n0:0 {mine}\n1234:1235 {theirs}\n0:0 /etc/hostname\n4321:4322 made\n", run.Stdout);

        var diff = Ujail.Run(new[] { "diff", s.State }, unprivileged: true);
        Assert.DoesNotContain(mine, diff.Stdout);
        Assert.Contains("made", diff.Stdout);
    }

    [RootFact]
    public void Git_accepts_the_users_repository_as_the_jailed_roots_own()
    {
        using var s = new Scratch(unprivileged: true, "fakeroot-git");
        var repo = Path.Combine(s.Root, "repo");
        var env = new Dictionary<string, string> { ["HOME"] = s.Root, ["GIT_CONFIG_NOSYSTEM"] = "1" };
        Expect.Succeeded(s.RunNative(new[] { "/bin/sh", "-ec", $"git init -q {repo}" }, env), "git init natively");
        var run = Ujail.Run(new[] { "run", "--state", s.State, "--fake-root", "--", "/bin/sh", "-c", $"cd {repo} && git status --porcelain && echo ok" },
            unprivileged: true, env: env);
        Assert.True(run.ExitCode == 0 && run.Stdout == "ok\n", "git refused the user's repository under --fake-root: " + run);
    }

    [RootFact]
    public void As_root_nothing_is_mapped()
    {
        using var s = new Scratch(unprivileged: false, "fakeroot-asroot");
        var theirs = Path.Combine(s.Root, "nobodys.txt");
        File.WriteAllText(theirs, "x");
        Expect.Succeeded(Sh.Run("chown", "65534:65534", theirs), "chown to nobody");
        var run = Ujail.Run(new[] { "run", "--state", s.State, "--fake-root", "--", "stat", "-c", "%u:%g", theirs });
        Expect.Succeeded(run, "stat under --fake-root as root");
        Assert.Equal("65534:65534\n", run.Stdout);
    }
}
