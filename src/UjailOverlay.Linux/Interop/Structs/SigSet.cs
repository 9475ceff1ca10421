// glibc's sigset_t (bits/types/__sigset_t.h): 1024 bits, of which the kernel uses the first 64. Only for
// the posix_spawnattr and pthread_sigmask calls, which take glibc's type.
using System.Runtime.CompilerServices;

namespace UjailOverlay.Linux.Interop;

[InlineArray(16)]
internal struct SigSet
{
    private ulong _element0;

    /// <summary>sigemptyset.</summary>
    public static SigSet Empty() => default;

    /// <summary>sigfillset: every signal 1..NSIG-1 (SIGKILL and SIGSTOP are ignored by the kernel).</summary>
    public static SigSet Full()
    {
        var s = default(SigSet);
        s[0] = ulong.MaxValue;
        return s;
    }
}
