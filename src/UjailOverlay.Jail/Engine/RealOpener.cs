// Opens the real object behind a virtual open, in the supervisor, for installing into the caller. Upper
// objects are opened beneath the upper root with openat2(RESOLVE_BENEATH|NO_SYMLINKS|NO_MAGICLINKS); host
// objects read-only with RESOLVE_NO_SYMLINKS|NO_MAGICLINKS (the overlay resolved every symlink already).
// Writes to host objects are allowed only where writing cannot change the file system: the harmless character
// devices, terminals, FIFOs, and the caller's own /proc entries.
using System.Text.RegularExpressions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal static partial class RealOpener
{
    public static Errno Open(Call call, OpenResult r, int flags, out SafeFd fd)
    {
        fd = null!;
        var isPath = (flags & LinuxAbi.O_PATH) != 0;
        // ADDFD cannot install O_PATH descriptors: give a read-only one instead (enough for fstat, *at, fchdir).
        var real = isPath ? (LinuxAbi.O_RDONLY | (r.Stat.IsDirectory ? LinuxAbi.O_DIRECTORY : 0) | LinuxAbi.O_NONBLOCK)
                          : flags & LinuxAbi.PassOnOpenFlags;
        real |= LinuxAbi.O_CLOEXEC | LinuxAbi.O_NOCTTY; // never give the supervisor a controlling terminal
        var writes = (real & LinuxAbi.O_ACCMODE) != LinuxAbi.O_RDONLY;
        if (isPath && r.Stat.Type == NodeType.Symlink) return call.Jail.SymlinkHandles.Open(r.VirtualPath, out fd);
        switch (r.Backing.Kind)
        {
            case BackingKind.Upper:
                return HostFs.OpenBeneath(call.Jail.UpperFd, r.Backing.Path, real, 0, out fd);
            case BackingKind.Lower:
                if (writes) return Errno.EACCES; // the overlay copies up before any write open; never reached
                return HostFs.OpenHostNoFollow(r.Backing.Path, real, out fd);
            case BackingKind.VirtualDevice:
            {
                var host = HostDeviceFor(r.Stat.Rdev);
                if (host is null) return Errno.ENXIO;
                return OpenHostDevice(host, real, out fd);
            }
            default: // Pseudo
                if (!writes) return HostFs.OpenHostNoFollow(r.Backing.Path, real, out fd);
                if (!MayWriteHost(call, r)) return Errno.EACCES;
                return OpenHostDevice(r.Backing.Path, real, out fd);
        }
    }

    /// <summary>Opens a host device, FIFO or own /proc entry the policy allows writing to, without following links.</summary>
    private static Errno OpenHostDevice(string path, int flags, out SafeFd fd) =>
        HostFs.OpenAt2(LinuxAbi.AT_FDCWD, path, flags, 0, Uapi.RESOLVE_NO_SYMLINKS | Uapi.RESOLVE_NO_MAGICLINKS, out fd);

    /// <summary>Whether a write open of a host object leaves the file system alone.</summary>
    private static bool MayWriteHost(Call call, OpenResult r)
    {
        switch (r.Stat.Type)
        {
            case NodeType.Fifo:
                return true;
            case NodeType.CharDevice:
                var (major, minor) = LinuxAbi.SplitDev(r.Stat.Rdev);
                return major switch
                {
                    1 => minor is 3 or 5 or 7 or 8 or 9, // null, zero, full, random, urandom
                    5 => minor is 0 or 2,                 // tty, ptmx
                    >= 136 and <= 143 => true,            // pseudo-terminal slaves
                    4 => true,                            // virtual consoles
                    _ => false,
                };
            case NodeType.Regular when OwnProc().Match(r.Backing.Path) is { Success: true } m:
                return int.Parse(m.Groups[1].Value) == call.Tgid && m.Groups[2].Value != "mem";
            default:
                return false;
        }
    }

    [GeneratedRegex(@"^/proc/(\d+)/(?:task/\d+/)?([a-z_/]+)$")]
    private static partial Regex OwnProc();

    private static string? HostDeviceFor(ulong rdev) => LinuxAbi.SplitDev(rdev) switch
    {
        (1, 3) => "/dev/null",
        (1, 5) => "/dev/zero",
        (1, 7) => "/dev/full",
        (1, 8) => "/dev/random",
        (1, 9) => "/dev/urandom",
        (5, 0) => "/dev/tty",
        (5, 2) => "/dev/ptmx",
        _ => null,
    };
}
