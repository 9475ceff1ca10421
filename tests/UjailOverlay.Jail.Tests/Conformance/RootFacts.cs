// Facts and theories that need root: the jail tests run programs as uid 0 and switch to uid 65534 with setpriv,
// both of which only root can do. Run by anyone else they are reported as skipped with that reason (xunit 2 has
// no dynamic skip, so the condition is decided when the attribute is constructed), never as passed.
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

internal static class RootOnly
{
    public const string Reason =
        "needs root: the jail tests run programs as uid 0 and as uid 65534 (setpriv); run the tests as root, as CI does";
}

public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Ujail.IsRoot) Skip = RootOnly.Reason;
    }
}

public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Ujail.IsRoot) Skip = RootOnly.Reason;
    }
}
