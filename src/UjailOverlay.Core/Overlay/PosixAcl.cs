// The one extended attribute the kernel interprets: system.posix_acl_access (fs/posix_acl.c). Setting it sets
// the file mode (owner bits from USER_OBJ, group bits from MASK or else GROUP_OBJ, other bits from OTHER);
// an ACL equivalent to a mode (no named users or groups, no mask) is not kept as an attribute at all
// (posix_acl_equiv_mode). Tools such as sed -i and cp -p copy modes this way.
namespace UjailOverlay.Core.Overlay;

internal static class PosixAcl
{
    public const string AccessName = "system.posix_acl_access";
    private const ushort UserObj = 0x01, User = 0x02, GroupObj = 0x04, Group = 0x08, Mask = 0x10, Other = 0x20;

    /// <summary>Parses an ACL xattr value; null when malformed (EINVAL).</summary>
    public static (uint Perm, bool EquivalentToMode)? Parse(byte[] value)
    {
        if (value.Length < 4 || (value.Length - 4) % 8 != 0 || BitConverter.ToUInt32(value, 0) != 2) return null;
        uint? owner = null, group = null, mask = null, other = null;
        var extended = false;
        for (var i = 4; i < value.Length; i += 8)
        {
            var tag = BitConverter.ToUInt16(value, i);
            var perm = (uint)(BitConverter.ToUInt16(value, i + 2) & 7);
            switch (tag)
            {
                case UserObj: owner = perm; break;
                case GroupObj: group = perm; break;
                case Other: other = perm; break;
                case Mask: mask = perm; extended = true; break;
                case User or Group: extended = true; break;
                default: return null;
            }
        }
        if (owner is null || group is null || other is null) return null;
        return ((owner.Value << 6) | ((mask ?? group.Value) << 3) | other.Value, !extended);
    }
}
