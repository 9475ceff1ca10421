// Permission checks as Linux makes them (fs/namei.c generic_permission, acl-less): owner, then group
// (primary and supplementary), then other; a caller with the file capabilities (root) passes read and write
// always and execute when any execute bit is set or the object is a directory (CAP_DAC_OVERRIDE).
namespace UjailOverlay.Core.Overlay;

internal static class Permissions
{
    public static bool May(NodeStat st, AccessMask mask, Credentials who)
    {
        if (mask == AccessMask.Exists) return true;
        if (who.FileCapabilities)
        {
            if ((mask & AccessMask.Execute) == 0) return true;
            return st.IsDirectory || (st.Mode & Mode.ExecuteBits) != 0;
        }
        uint bits;
        if (st.Uid == who.Uid) bits = (st.Mode >> 6) & 7;
        else if (who.InGroup(st.Gid)) bits = (st.Mode >> 3) & 7;
        else bits = st.Mode & 7;
        return ((uint)mask & ~bits) == 0;
    }

    /// <summary>May the caller change this inode's metadata as its owner (inode_owner_or_capable, CAP_FOWNER)?</summary>
    public static bool IsOwnerOrCapable(NodeStat st, Credentials who) => who.FileCapabilities || st.Uid == who.Uid;

    /// <summary>Sticky directories: only the entry's owner, the directory's owner or CAP_FOWNER may remove or
    /// rename an entry (fs/namei.c check_sticky).</summary>
    public static bool StickyAllows(NodeStat dir, NodeStat entry, Credentials who) =>
        (dir.Mode & Mode.S_ISVTX) == 0 || who.FileCapabilities || entry.Uid == who.Uid || dir.Uid == who.Uid;

    /// <summary>The mode a new inode gets (fs/inode.c inode_init_owner): setgid directories pass their group and,
    /// to subdirectories, the setgid bit; a file's setgid bit is dropped when the creator is not in its group.</summary>
    public static (uint perm, uint gid) NewInode(NodeStat parent, NodeType type, uint requestedPerm, uint umask, Credentials who)
    {
        var perm = requestedPerm & Mode.PermissionBits & ~(umask & 0x1FF);
        var gid = who.Gid;
        if ((parent.Mode & Mode.S_ISGID) != 0)
        {
            gid = parent.Gid;
            if (type == NodeType.Directory) perm |= Mode.S_ISGID;
        }
        if (type != NodeType.Directory && (perm & Mode.S_ISGID) != 0 && (perm & 0x8) != 0
            && !who.InGroup(gid) && !who.FileCapabilities)
            perm &= ~Mode.S_ISGID;
        return (perm, gid);
    }
}
