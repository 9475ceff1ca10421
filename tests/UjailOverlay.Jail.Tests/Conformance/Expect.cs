// Assertions whose failure message shows what differs: a line diff of a native and a jailed run's output
// ("- native", "+ jailed", with line numbers and one line of context), the exit codes, and the jailed run's
// stderr, so a failing conformance test reads like a bug report.
using System.Text;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public static class Expect
{
    /// <summary>Same exit code and byte-identical stdout.</summary>
    public static void SameRun(RunResult native, RunResult jailed, string what)
    {
        if (native.ExitCode == jailed.ExitCode && native.Stdout == jailed.Stdout) return;
        Assert.Fail($"{what}: the jailed run differs from the native run\n" +
                    $"exit code: native {native.ExitCode}, jailed {jailed.ExitCode}\n" +
                    $"stdout (- native, + jailed):\n{LineDiff(native.Stdout, jailed.Stdout)}\n" +
                    $"--- jailed stderr\n{Tail(jailed.Stderr)}\n--- native stderr\n{Tail(native.Stderr)}");
    }

    /// <summary>A native run the test depends on (seeding, the reference run) must succeed.</summary>
    public static void Succeeded(RunResult run, string what)
    {
        if (run.ExitCode != 0) Assert.Fail($"{what} failed\n{run}");
    }

    public static string Tail(string text, int lines = 40)
    {
        var all = text.Split('\n');
        return all.Length <= lines ? text : $"[{all.Length - lines} lines cut]\n" + string.Join('\n', all[^lines..]);
    }

    /// <summary>The lines only in A ("-") or only in B ("+") by longest common subsequence, each with its line
    /// number and the common line before it as context; at most MAXLINES lines.</summary>
    public static string LineDiff(string a, string b, int maxLines = 80)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        if ((long)x.Length * y.Length > 25_000_000) return $"(too long to diff: {x.Length} and {y.Length} lines)";
        var lcs = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
            for (var j = y.Length - 1; j >= 0; j--)
                lcs[i, j] = x[i] == y[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var sb = new StringBuilder();
        var shown = 0;
        var lastCommon = -1; // index in x of the last common line, for context
        var contextShown = -1;
        void Line(string text)
        {
            if (shown++ < maxLines) sb.Append(text).Append('\n');
        }
        void Context()
        {
            if (lastCommon >= 0 && contextShown != lastCommon) Line($"  {lastCommon + 1,4}  {x[lastCommon]}");
            contextShown = lastCommon;
        }
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q]) { lastCommon = p; p++; q++; }
            else if (q < y.Length && (p == x.Length || lcs[p, q + 1] >= lcs[p + 1, q])) { Context(); Line($"+ {q + 1,4}  {y[q]}"); q++; }
            else { Context(); Line($"- {p + 1,4}  {x[p]}"); p++; }
        }
        if (shown > maxLines) sb.Append($"... {shown - maxLines} more lines differ\n");
        return sb.ToString();
    }
}
