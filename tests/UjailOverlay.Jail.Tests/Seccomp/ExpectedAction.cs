// The test oracle: what the filter must return for one seccomp_data, computed straight from the syscall table and
// seccomp(2), without any of the builder's code (its ranges, tree, constants or return mapping). Return values are
// written out from linux/seccomp.h here so that a wrong constant in the builder is caught, not copied.
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Jail.Tests.Bpf;

namespace UjailOverlay.Jail.Tests.Seccomp;

public sealed class ExpectedAction(IReadOnlyList<SyscallEntry> table)
{
    private readonly Dictionary<int, SyscallEntry> _byNumber = table.ToDictionary(e => e.Number);

    public const uint KillProcess = 0x8000_0000;
    public const uint Allow = 0x7fff_0000;
    public const uint UserNotif = 0x7fc0_0000;
    public const uint Trace = 0x7ff0_0000;
    public const uint Enosys = 0x0005_0000 | 38;
    public const uint Eperm = 0x0005_0000 | 1;

    public static uint Errno(int errno) => 0x0005_0000u | (uint)errno;

    public uint For(SeccompData data)
    {
        if (data.Arch != SeccompData.ArchX86_64)
            return KillProcess;
        if ((uint)data.Nr >= 0x4000_0000)
            return Enosys;
        if (!_byNumber.TryGetValue(data.Nr, out SyscallEntry? entry))
            return Enosys;
        if (entry.Support != SupportLevel.Conditional)
            return Settled(entry.Support, entry.DenyErrno);
        foreach (ArgRule rule in entry.ArgRules)
        {
            if (rule.AllOf.All(check => Holds(check, data.Args[check.Index])))
                return Settled(rule.Outcome, rule.Errno);
        }
        return Allow;
    }

    private static bool Holds(ArgCheck check, ulong arg) => check.Comparison switch
    {
        ArgComparison.MaskedEquals => (arg & check.Mask) == check.Value,
        ArgComparison.AnyBitSet => (arg & check.Mask) != 0,
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };

    private static uint Settled(SupportLevel support, int errno) => support switch
    {
        SupportLevel.PassedThrough => Allow,
        SupportLevel.Emulated => UserNotif,
        SupportLevel.Traced => Trace,
        SupportLevel.Denied => Errno(errno),
        _ => throw new ArgumentOutOfRangeException(nameof(support)),
    };
}
