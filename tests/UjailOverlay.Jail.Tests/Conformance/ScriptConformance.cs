// Real programs under the jail, driven by a bash script: the script runs natively on ROOT/native and under ujail
// on ROOT/host (both probe_seed trees; the script starts with `cd "$1"`, `set -e`, `umask 022`, and gets any
// extra arguments as $2...). Its output and exit status must match, the host must stay byte- and
// metadata-identical, and in a second jailed run on the same state the result must be visible: a verification
// script prints the same as natively, and probe_dump shows the same tree (unless the program keeps stat data in
// its files, as git's index does).
using UjailOverlay.Jail.Tests.Kit;

namespace UjailOverlay.Jail.Tests.Conformance;

public static class ScriptConformance
{
    public static void Check(Scratch s, string script, IDictionary<string, string>? env = null, string? verify = null,
        bool compareTrees = true, params string[] extraArgs)
    {
        s.Seed(s.Native, s.Host);
        var before = s.Snapshot();

        var native = s.RunNative(Bash(script, s.Native, extraArgs), env);
        Expect.Succeeded(native, "the script natively");
        var jailed = s.Jailed(Bash(script, s.Host, extraArgs), env);
        s.AssertHostUnchanged(before, jailed);
        Expect.SameRun(native, jailed, "the script");

        if (verify is not null)
        {
            var nativeCheck = s.RunNative(Bash(verify, s.Native, extraArgs), env);
            Expect.Succeeded(nativeCheck, "the verification script natively");
            Expect.SameRun(nativeCheck, s.Jailed(Bash(verify, s.Host, extraArgs), env), "the verification script in a second jailed run");
        }
        if (compareTrees) s.AssertSameTree("probe_dump in a second jailed run");
        s.AssertHostUnchanged(before);
    }

    private static string[] Bash(string script, string dir, string[] extraArgs) =>
        new[] { "/bin/bash", "-c", "set -e\numask 022\ncd \"$1\"\n" + script, "conformance", dir }.Concat(extraArgs).ToArray();
}
