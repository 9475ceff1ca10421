// Tests of the tests: a builder that is wrong by one (a range boundary, a jump offset, a compared constant, a return
// value) must make FilterProbe report a mismatch. Each mutant is the real filter with one instruction changed by
// one. Some jump mutants compute the same function as the real filter (a jump one short lands on a test every number
// on that path passes the same way); those are told apart by running both programs over a wider input set than the
// probe's, and any other mutant the probe misses is a blind spot in the conformance test.
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Jail.Tests.Bpf;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Seccomp;

public sealed class SeccompFilterMutationTests(ITestOutputHelper output)
{
    private const ushort LdAbs = 0x20, JmpJge = 0x35, JmpJeq = 0x15, JmpJset = 0x45, RetK = 0x06, AluAnd = 0x54;

    [Fact]
    public void EveryOffByOneMutant_IsCaught()
    {
        SockFilter[] filter = SeccompFilterBuilder.Build(SyscallTable.All);
        List<SeccompData> wide = WideInputs(filter);
        var original = new BpfInterpreter(filter);
        var expected = wide.Select(d => original.Run(d).Value).ToArray();
        var survivors = new List<string>();
        var equivalent = new List<string>();
        int mutants = 0;
        foreach (var (index, mutant, what) in Mutants(filter))
        {
            mutants++;
            SockFilter[] program = (SockFilter[])filter.Clone();
            program[index] = mutant;
            if (FilterProbe.Mismatches(program, SyscallTable.All).Any())
                continue;
            string line = $"pc {index}: {filter[index]} → {mutant} ({what})";
            if (BpfInterpreter.Check(program) is null && SameResults(new BpfInterpreter(program), wide, expected))
                equivalent.Add(line);
            else
                survivors.Add(line);
        }
        output.WriteLine($"{mutants} mutants: {mutants - survivors.Count - equivalent.Count} caught, " +
            $"{equivalent.Count} equivalent, {survivors.Count} missed");
        foreach (string line in equivalent)
            output.WriteLine("equivalent: " + line);
        Assert.True(survivors.Count == 0, string.Join("\n", survivors));

        // A changed constant is never equivalent, except in the x32 test: numbers >= 0x40000000 also reach the
        // dispatch's last range, which answers ENOSYS as well.
        Assert.All(equivalent.Where(line => line.Contains("(k")), line => Assert.Contains("0x40000000 }", line));
    }

    /// <summary>Every number below 4096 and around every constant the filter compares with, under each of the
    /// probe's rule-triggering argument vectors, and the probe's own inputs; blind to the table.</summary>
    private static List<SeccompData> WideInputs(SockFilter[] filter)
    {
        var numbers = Enumerable.Range(0, 4096)
            .Concat(filter.Where(f => f.code == JmpJge).SelectMany(f => new[] { (int)f.k - 1, (int)f.k, (int)f.k + 1 }))
            .Distinct();
        var argVectors = FilterProbe.Inputs(SyscallTable.All, 0).Where(d => d.Nr == 0).Select(d => d.Args).ToList();
        return numbers.SelectMany(nr => argVectors.Select(args => SeccompData.X86_64(nr, args)))
            .Concat(FilterProbe.Inputs(SyscallTable.All, 500))
            .ToList();
    }

    private static bool SameResults(BpfInterpreter mutant, List<SeccompData> inputs, uint[] expected)
    {
        for (int i = 0; i < inputs.Count; i++)
        {
            if (mutant.Run(inputs[i]).Value != expected[i])
                return false;
        }
        return true;
    }

    [Fact]
    public void ABuilderWithARangeOffByOne_IsCaught()
    {
        // The same table with one entry's number moved: the filter built from it is a builder bug as seen from the
        // real table.
        foreach (string name in new[] { "read", "close", "ioctl", "execve", "futex", "clone3", "file_setattr" })
        {
            SyscallEntry moved = SyscallTable.ByName(name)!;
            var shifted = SyscallTable.All
                .Where(e => e.Number != moved.Number + 1)
                .Select(e => e.Number == moved.Number ? e with { Number = e.Number + 1 } : e)
                .ToList();
            Assert.NotEmpty(FilterProbe.Mismatches(SeccompFilterBuilder.Build(shifted), SyscallTable.All));
        }
    }

    private static IEnumerable<(int Index, SockFilter Mutant, string What)> Mutants(SockFilter[] filter)
    {
        for (int i = 0; i < filter.Length; i++)
        {
            SockFilter f = filter[i];
            if (f.code is LdAbs or JmpJge or JmpJeq or JmpJset or RetK or AluAnd)
            {
                if (f.k > 0)
                    yield return (i, new SockFilter(f.code, f.jt, f.jf, f.k - 1), "k-1");
                if (f.k < uint.MaxValue)
                    yield return (i, new SockFilter(f.code, f.jt, f.jf, f.k + 1), "k+1");
            }
            if (f.code is JmpJge or JmpJeq or JmpJset)
            {
                foreach (int d in new[] { -1, 1 })
                {
                    if (f.jt + d is >= 0 and <= 255 && f.jt + d != f.jf)
                        yield return (i, new SockFilter(f.code, (byte)(f.jt + d), f.jf, f.k), $"jt{d:+0;-0}");
                    if (f.jf + d is >= 0 and <= 255 && f.jf + d != f.jt)
                        yield return (i, new SockFilter(f.code, f.jt, (byte)(f.jf + d), f.k), $"jf{d:+0;-0}");
                }
            }
        }
    }
}
