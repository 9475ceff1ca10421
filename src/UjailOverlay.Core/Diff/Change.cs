// One difference between the host as it is now and the merged view a state directory gives, at one virtual path.
// A change carries both sides' facts (type, permission bits, owner, size, symlink target, mtime) where that side
// exists, and Fields names which of them differ, so a renderer never has to re-derive what changed.
namespace UjailOverlay.Core.Diff;

/// <summary>What happened at a path. Numbers are stable: renderers and the JSON schema name them.</summary>
public enum ChangeKind
{
    /// <summary>The merged view has an object where the host has none.</summary>
    Added,

    /// <summary>The host has an object the merged view hides (whiteout, opaque directory, type change beneath).</summary>
    Deleted,

    /// <summary>Same type, different regular-file content (metadata fields may be listed too).</summary>
    Modified,

    /// <summary>Both sides have an object, of different types (file → directory, ...).</summary>
    TypeChanged,

    /// <summary>Same type and content; only mode, owner, group, rdev, xattrs or (with Times) mtime differ.</summary>
    MetadataOnly,

    /// <summary>A symlink whose target differs (metadata fields may be listed too).</summary>
    Retargeted,

    /// <summary>An upper entry that changes nothing (a whiteout over nothing, a copy-up identical to the host).
    /// Reported only with <see cref="DiffOptions.IncludeNoops"/>; never counts as a difference.</summary>
    Noop,
}

/// <summary>
/// A difference at <see cref="Path"/> (absolute virtual path). Old* describe the host object, New* the merged one;
/// each is null when that side has no object or the fact does not apply (sizes for regular files only, targets for
/// symlinks only). Modes are permission bits (07777) without the type bits.
/// </summary>
public sealed record Change(
    string Path,
    ChangeKind Kind,
    NodeType? OldType,
    NodeType? NewType,
    IReadOnlyList<string> Fields,
    long? OldSize,
    long? NewSize,
    uint? OldMode,
    uint? NewMode,
    string? OldTarget,
    string? NewTarget,
    bool Drifted)
{
    public uint? OldUid { get; init; }
    public uint? NewUid { get; init; }
    public uint? OldGid { get; init; }
    public uint? NewGid { get; init; }
    public Timespec? OldMtime { get; init; }
    public Timespec? NewMtime { get; init; }

    /// <summary>True for every kind but <see cref="ChangeKind.Noop"/>.</summary>
    public bool IsDifference => Kind != ChangeKind.Noop;

    public bool Has(string field) => Fields.Contains(field, StringComparer.Ordinal);
}

/// <summary>The names used in <see cref="Change.Fields"/>, in the order they are listed.</summary>
public static class ChangeFields
{
    public const string Type = "type";
    public const string Content = "content";
    public const string Target = "target";
    public const string Mode = "mode";
    public const string Owner = "owner";
    public const string Group = "group";
    public const string Rdev = "rdev";
    public const string Xattrs = "xattrs";
    public const string Mtime = "mtime";
}
