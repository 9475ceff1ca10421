// How often programs make each passthrough call, relative to an ordinary syscall (weight 1), as a guide for
// DispatchTree. The first tier is what `strace -c` puts on top for builds, package installs and servers (read,
// write, close, mmap, futex); the second tier is the common rest. Only passthrough and Conditional calls are worth
// weighting: an emulated call costs a supervisor round trip of microseconds, next to which a few BPF instructions
// are noise. Wrong weights cost speed, never correctness: the tree is searched exactly either way.
namespace UjailOverlay.Jail.Seccomp;

internal static class HotSyscalls
{
    private const long FirstTier = 1000;
    private const long SecondTier = 50;

    private static readonly Dictionary<string, long> s_weights = new(StringComparer.Ordinal)
    {
        ["read"] = FirstTier,
        ["write"] = FirstTier,
        ["close"] = FirstTier,
        ["mmap"] = FirstTier,
        ["futex"] = FirstTier,
        ["lseek"] = SecondTier,
        ["mprotect"] = SecondTier,
        ["munmap"] = SecondTier,
        ["brk"] = SecondTier,
        ["rt_sigaction"] = SecondTier,
        ["rt_sigprocmask"] = SecondTier,
        ["poll"] = SecondTier,
        ["ioctl"] = SecondTier,
        ["pread64"] = SecondTier,
        ["writev"] = SecondTier,
        ["sched_yield"] = SecondTier,
        ["madvise"] = SecondTier,
        ["getpid"] = SecondTier,
        ["sendto"] = SecondTier,
        ["recvfrom"] = SecondTier,
        ["fcntl"] = SecondTier,
        ["gettid"] = SecondTier,
        ["clock_gettime"] = SecondTier,
        ["epoll_wait"] = SecondTier,
        ["ppoll"] = SecondTier,
        ["epoll_pwait"] = SecondTier,
        ["getrandom"] = SecondTier,
    };

    /// <summary>The relative frequency of a syscall by name; 1 for any call not listed.</summary>
    public static long Weight(string name) => s_weights.GetValueOrDefault(name, 1);
}
