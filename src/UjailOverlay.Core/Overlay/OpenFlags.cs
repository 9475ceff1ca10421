// open(2) flags with their x86_64 values (asm-generic/fcntl.h), and access-check masks (access(2)).
namespace UjailOverlay.Core.Overlay;

[Flags]
public enum OpenFlags
{
    ReadOnly = 0,
    WriteOnly = 0x1,
    ReadWrite = 0x2,
    AccessModeMask = 0x3,
    Create = 0x40,
    Exclusive = 0x80,
    NoCtty = 0x100,
    Truncate = 0x200,
    Append = 0x400,
    NonBlock = 0x800,
    Directory = 0x10000,
    NoFollow = 0x20000,
    CloseOnExec = 0x80000,
    Path = 0x200000,
    TmpFile = 0x400000 | Directory,
}

[Flags]
public enum AccessMask
{
    Exists = 0,  // F_OK
    Execute = 1, // X_OK
    Write = 2,   // W_OK
    Read = 4,    // R_OK
}

/// <summary>Where the engine finds the real object behind an opened virtual path.</summary>
public enum BackingKind
{
    /// <summary>A host (lower) object, opened read-only.</summary>
    Lower,
    /// <summary>A real object in the upper tree, by path relative to the upper root.</summary>
    Upper,
    /// <summary>A host object in a pass-through tree (/proc, /sys) or a host device node; the engine decides
    /// whether a write open of it is allowed.</summary>
    Pseudo,
    /// <summary>A device node that exists only in the overlay; Rdev names the device.</summary>
    VirtualDevice,
}

public readonly record struct Backing(BackingKind Kind, string Path);

/// <param name="HostUnchanged">A read-only open of an unchanged host object reached only through unchanged host
/// objects (no pass-through tree, no magic link): the kernel opening the same path on the host gets the same
/// object with the same checks, so the engine may let the caller's own call proceed.</param>
public sealed record OpenResult(string VirtualPath, Backing Backing, NodeStat Stat, bool Created, bool HostUnchanged = false);
