// Settings of one overlay: where time comes from, which host trees pass through untouched, and the device
// number new upper inodes report.
namespace UjailOverlay.Core.Overlay;

public sealed record OverlayOptions
{
    /// <summary>Host trees that are never overlaid (kernel interfaces): lookups and reads go to the host, nothing
    /// is created or removed there, and write opens are handed to the engine as Pseudo backings.</summary>
    public IReadOnlyList<string> PassThroughRoots { get; init; } = new[] { "/proc", "/sys" };

    /// <summary>st_dev reported for inodes created in the upper layer (the lower root's device by default).</summary>
    public ulong? UpperDev { get; init; }

    public Func<Timespec> Clock { get; init; } = () => Timespec.FromDateTime(DateTimeOffset.UtcNow);
}

/// <summary>Who is calling, with which umask, and how /proc magic links read for that caller. Scope, when set,
/// restricts how paths resolve (openat2's RESOLVE_* flags).</summary>
public sealed record OpContext(Credentials Who, uint Umask = 0x12 /* 022 */, IMagicLinks? Magic = null)
{
    public static OpContext Root { get; } = new(Credentials.Root);

    public PathScope? Scope { get; init; }
}

/// <summary>openat2(2)'s resolution restrictions (linux/openat2.h RESOLVE_* values).</summary>
[Flags]
public enum ResolveRules : ulong
{
    None = 0,
    NoXdev = 0x01,
    NoMagicLinks = 0x02,
    NoSymlinks = 0x04,
    Beneath = 0x08,
    InRoot = 0x10,
}

/// <summary>How one lookup may resolve. Base is the canonical virtual path of the starting directory (the
/// dirfd's, or the cwd). With Beneath or InRoot the path is resolved from Base and may not leave it (Beneath:
/// EXDEV; InRoot: "/" and ".." stop at Base); otherwise the path is absolute (already joined to Base) and Base
/// only says where mount-crossing checks start.</summary>
public sealed record PathScope(ResolveRules Rules, string Base)
{
    public bool HasFloor => (Rules & (ResolveRules.Beneath | ResolveRules.InRoot)) != 0;

    /// <summary>Symlinks that would be followed fail with ELOOP.</summary>
    public bool NoSymlinks => (Rules & ResolveRules.NoSymlinks) != 0;

    /// <summary>/proc magic links fail with ELOOP (implied by NoSymlinks, Beneath and InRoot).</summary>
    public bool NoMagicLinks => (Rules & (ResolveRules.NoMagicLinks | ResolveRules.NoSymlinks | ResolveRules.Beneath | ResolveRules.InRoot)) != 0;
}

/// <summary>Lets the engine say what /proc magic links (self, thread-self, PID/cwd, PID/fd/N, PID/exe, PID/root)
/// read as for the calling process, so resolution follows them in the virtual namespace.</summary>
public interface IMagicLinks
{
    /// <summary>The virtual target of the host symlink at <paramref name="hostPath"/>, or null to read the host's.</summary>
    string? ReadLink(string hostPath);
}

/// <summary>One timestamp argument of utimensat(2): leave it, set it to now, or set it to a value.</summary>
public readonly record struct TimeUpdate(TimeUpdateKind Kind, Timespec Value)
{
    public static TimeUpdate Omit => new(TimeUpdateKind.Omit, default);
    public static TimeUpdate Now => new(TimeUpdateKind.Now, default);
    public static TimeUpdate Set(Timespec t) => new(TimeUpdateKind.Set, t);
}

public enum TimeUpdateKind { Omit, Now, Set }

[Flags]
public enum XattrFlags { None = 0, Create = 1, Replace = 2 }
