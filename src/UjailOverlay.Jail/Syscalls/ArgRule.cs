// One rule of a Conditional syscall: when every check holds, the call gets this rule's outcome. A rule with no
// checks always holds, so it can serve as an explicit default at the end of a list. The outcome is a support level
// (never Conditional) plus an errno for Denied, so the table speaks one vocabulary and the seccomp builder alone
// turns it into SECCOMP_RET_* values.
namespace UjailOverlay.Jail.Syscalls;

public sealed record ArgRule
{
    public ArgRule(SupportLevel outcome, int errno, IReadOnlyList<ArgCheck> allOf)
    {
        ArgumentNullException.ThrowIfNull(allOf);
        if (outcome == SupportLevel.Conditional)
            throw new ArgumentException("A rule decides; it cannot defer to further rules.", nameof(outcome));
        if ((outcome == SupportLevel.Denied) != (errno != 0))
            throw new ArgumentException("A Denied rule needs an errno and only a Denied rule has one.", nameof(errno));
        Outcome = outcome;
        Errno = errno;
        AllOf = allOf;
    }

    public SupportLevel Outcome { get; }

    /// <summary>The errno of a Denied outcome, else 0.</summary>
    public int Errno { get; }

    /// <summary>Checks that must all hold (a conjunction); empty means the rule always applies.</summary>
    public IReadOnlyList<ArgCheck> AllOf { get; }

    public static ArgRule Deny(int errno, params ArgCheck[] allOf) => new(SupportLevel.Denied, errno, allOf);

    public static ArgRule Emulate(params ArgCheck[] allOf) => new(SupportLevel.Emulated, 0, allOf);

    /// <summary>A one-line rendering for `ujail syscalls`, e.g. <c>args[4] != 0 -> Emulated</c>.</summary>
    public string Describe()
    {
        string when = AllOf.Count == 0 ? "always" : string.Join(" && ", AllOf.Select(c => c.Describe()));
        string then = Outcome == SupportLevel.Denied ? SyscallErrno.Name(Errno) : Outcome.ToString();
        return $"{when} -> {then}";
    }
}
