// Extended attribute flags and limits (linux/xattr.h, linux/limits.h).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const int XATTR_CREATE = 1, XATTR_REPLACE = 2;
    public const int XATTR_NAME_MAX = 255, XATTR_SIZE_MAX = 65536, XATTR_LIST_MAX = 65536;
}
