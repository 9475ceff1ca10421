// File types as the S_IFMT bits of st_mode (linux/stat.h), and helpers over full mode words.
namespace UjailOverlay.Core;

public enum NodeType : uint
{
    Fifo = 0x1000,
    CharDevice = 0x2000,
    Directory = 0x4000,
    BlockDevice = 0x6000,
    Regular = 0x8000,
    Symlink = 0xA000,
    Socket = 0xC000,
}

public static class Mode
{
    public const uint S_IFMT = 0xF000;
    public const uint S_ISUID = 0x800, S_ISGID = 0x400, S_ISVTX = 0x200;
    public const uint PermissionBits = 0xFFF; // 07777: rwx for ugo plus setuid, setgid, sticky
    public const uint ExecuteBits = 0x49; // 0111: x for user, group and others

    public static NodeType TypeOf(uint mode) => (NodeType)(mode & S_IFMT);
    public static uint Make(NodeType type, uint perm) => (uint)type | (perm & PermissionBits);

    /// <summary>DT_* value used by getdents64 (linux/fs_types.h: the type bits shifted right by 12).</summary>
    public static byte DirentType(NodeType type) => (byte)((uint)type >> 12);
}
