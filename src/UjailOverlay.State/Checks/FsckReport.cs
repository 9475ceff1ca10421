// What fsck found in a state directory and what --repair does (or did) about each finding.
namespace UjailOverlay.State;

public enum FsckFindingKind
{
    /// <summary>No ujail-state marker (a foreign directory, or a creation cut short). Checking stops.</summary>
    MarkerMissing,
    /// <summary>The marker's first line is not "ujail-state N". Checking stops.</summary>
    BadMarker,
    /// <summary>Marker format or index schema newer than this build. Checking stops.</summary>
    NewerVersion,
    /// <summary>index.db missing, not SQLite, failing PRAGMA integrity_check, or lacking the schema. Checking stops.</summary>
    IndexCorrupt,
    /// <summary>The index is at an older schema version; repair migrates it. Without repair checking stops.</summary>
    OldSchema,
    /// <summary>upper/ or work/ is missing; repair creates it.</summary>
    LayoutMissing,
    /// <summary>A dentry names an inode the index does not have; repair drops the dentry.</summary>
    DanglingDentry,
    /// <summary>An inode no dentry names; repair drops it (and its xattrs).</summary>
    OrphanInode,
    /// <summary>A dentry below a whiteout or below a non-directory; repair drops it.</summary>
    ParentChainBroken,
    /// <summary>An inode whose content is in upper/ has nothing there; repair as the Action says.</summary>
    MissingUpperContent,
    /// <summary>The upper object's type differs from the index (a symlink where the index says regular...).</summary>
    TypeMismatch,
    /// <summary>An upper object no dentry names; repair adopts it, or removes it when it sits under a whiteout.</summary>
    StrayUpper,
    /// <summary>Something left in work/ (content being built when a writer stopped); repair deletes it.</summary>
    WorkLeftover,
    /// <summary>Hard links in upper/ that do not match the index's links (report only).</summary>
    HardLinkMismatch,
    /// <summary>meta.next_ino is not above every upper inode number; repair raises it.</summary>
    NextInoBehind,
}

public enum FsckAction
{
    /// <summary>Reported only; repair changes nothing for it.</summary>
    None,
    DropDentry,
    DropInode,
    /// <summary>The dentry becomes a whiteout and a journal row records the loss ("fsck-lost").</summary>
    Whiteout,
    /// <summary>A directory or symlink is made again in upper/ from what the index knows.</summary>
    Recreate,
    /// <summary>The upper object becomes a new inode with its real type, mode, owner and times.</summary>
    Adopt,
    Remove,
    Create,
    SetNextIno,
    Migrate,
}

/// <param name="Path">A virtual path ("/etc/passwd"), a path in work/ ("work/x"), or "" for the directory itself.</param>
public sealed record FsckFinding(FsckFindingKind Kind, string Path, FsckAction Action, string Detail)
{
    /// <summary>
    /// False for what a writer killed at any instant is expected to leave (the crash-safety rule in SchemaV1):
    /// strays in upper/, leftovers in work/, and inodes whose dentry was in a batch that never committed.
    /// </summary>
    public bool IsDamage => Kind is not (FsckFindingKind.StrayUpper or FsckFindingKind.WorkLeftover or FsckFindingKind.OrphanInode);

    public override string ToString() => $"{Kind} {Path}: {Detail} [{Action}]";
}

/// <param name="Repaired">True when repair was asked for and the actions were carried out.</param>
/// <param name="Skipped">Checks that could not run here, each with the reason.</param>
public sealed record FsckReport(string Path, IReadOnlyList<FsckFinding> Findings, bool Repaired, IReadOnlyList<string> Skipped)
{
    public bool Clean => Findings.Count == 0;

    public bool HasDamage => Findings.Any(f => f.IsDamage);
}
