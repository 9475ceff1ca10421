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

/// <summary>Who is calling, with which umask, and how /proc magic links read for that caller.</summary>
public sealed record OpContext(Credentials Who, uint Umask = 0x12 /* 022 */, IMagicLinks? Magic = null)
{
    public static OpContext Root { get; } = new(Credentials.Root);
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
