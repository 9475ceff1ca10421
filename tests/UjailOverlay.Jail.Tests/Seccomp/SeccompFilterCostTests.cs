// What the filter costs the jailed program: it runs on every syscall, so the instructions executed for the hot
// passthrough calls are what matters, and the program must fit the kernel's 4096-instruction limit. These are
// counts, not timings (STYLE: no timing in tests); the numbers are written to the test output.
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Jail.Tests.Bpf;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Seccomp;

public sealed class SeccompFilterCostTests(ITestOutputHelper output)
{
    private static readonly SockFilter[] s_filter = SeccompFilterBuilder.Build(SyscallTable.All);
    private static readonly BpfInterpreter s_interpreter = new(s_filter);

    private static int Executed(int nr, params ulong[] args) => s_interpreter.Run(SeccompData.X86_64(nr, args)).Executed;

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    [InlineData("close")]
    [InlineData("mmap")]
    [InlineData("futex")]
    public void HotPassthroughCalls_RunAtMostTenInstructions(string name)
    {
        int executed = Executed(SyscallTable.ByName(name)!.Number);
        output.WriteLine($"{name}: {executed} instructions executed");
        Assert.True(executed <= 10, $"{name} runs {executed} filter instructions");
    }

    [Fact]
    public void Filter_IsSmallAndNoCallWalksFar()
    {
        var perCall = SyscallTable.All
            .Select(e => (e.Name, Executed: Executed(e.Number, Enumerable.Repeat(0x5a5a_5a5aUL, 6).ToArray())))
            .ToList();
        var worst = perCall.MaxBy(c => c.Executed);
        output.WriteLine($"program: {s_filter.Length} instructions");
        output.WriteLine($"executed per table entry: mean {perCall.Average(c => c.Executed):F1}, " +
            $"worst {worst.Executed} ({worst.Name})");
        foreach (string name in new[] { "read", "write", "close", "mmap", "futex", "openat", "ioctl", "clone", "sendto" })
            output.WriteLine($"  {name}: {Executed(SyscallTable.ByName(name)!.Number)}");

        Assert.True(s_filter.Length <= 600, $"{s_filter.Length} instructions");
        Assert.True(worst.Executed <= 30, $"{worst.Name} runs {worst.Executed} instructions");
    }
}
