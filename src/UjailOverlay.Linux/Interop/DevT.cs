// dev_t encoding as glibc's makedev/major/minor (sys/sysmacros.h) and the kernel's new_encode_dev
// (linux/kdev_t.h) agree on it: 12 bits of major and 20 of minor in the classic split, extended to 32 each.
namespace UjailOverlay.Linux.Interop;

public static class DevT
{
    public static uint Major(ulong dev) => (uint)(((dev >> 8) & 0xfff) | ((dev >> 32) & 0xfffff000));

    public static uint Minor(ulong dev) => (uint)((dev & 0xff) | ((dev >> 12) & 0xffffff00));

    public static ulong Make(uint major, uint minor) =>
        ((ulong)(major & 0xfff) << 8) | ((ulong)(major & 0xfffff000) << 32)
        | (minor & 0xffUL) | ((ulong)(minor & 0xffffff00) << 12);
}
