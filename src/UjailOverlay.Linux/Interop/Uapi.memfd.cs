// memfd_create(2) flags (linux/memfd.h).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const uint MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_HUGETLB = 4, MFD_NOEXEC_SEAL = 8, MFD_EXEC = 0x10;
}
