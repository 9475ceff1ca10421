// Starts a child with posix_spawn(3): glibc clones with CLONE_VM|CLONE_VFORK and runs only its own code
// until execve, so no managed code runs in the child, and an exec failure comes back as the error.
// Every signal disposition is reset to SIG_DFL (POSIX_SPAWN_SETSIGDEF with a full set: a SIG_IGN the
// runtime inherited for SIGCHLD must not reach the child) and the mask is emptied (POSIX_SPAWN_SETSIGMASK).
// Only stdin/stdout/stderr and the dup2 targets reach the child: every other fd >= 3 is closed in the child
// (posix_spawn_file_actions_addclose / addclosefrom_np), even one the parent left without FD_CLOEXEC
// (threat-model.md row 16, inherited descriptors). Not System.Diagnostics.Process: its
// SIGCHLD reaper can steal wait statuses (engine-notes.md §3). Call from the thread that will trace the
// child if PR_SET_PDEATHSIG matters (it fires when the parent *thread* exits).
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

public static unsafe class ProcessSpawner
{
    // Opaque glibc objects: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336 (glibc 2.36).
    private const int FileActionsLongs = 32, AttrLongs = 96;

    /// <summary>Spawns path with argv and envp (strings in FileNameEncoding form); dup2s are applied in order
    /// in the child (from == to clears FD_CLOEXEC, glibc >= 2.29); then every fd >= 3 that is not a dup2
    /// target is closed.</summary>
    public static Errno Spawn(string path, string[] argv, string[] envp, ReadOnlySpan<(int From, int To)> dup2s, out int pid)
    {
        pid = 0;
        if (path.Contains('\0') || argv.Any(a => a.Contains('\0')) || envp.Any(a => a.Contains('\0')))
            return Errno.EINVAL;

        // One blob holds every string, NUL-terminated; offsets become pointers once it is pinned.
        var strings = new string[1 + argv.Length + envp.Length];
        strings[0] = path;
        argv.CopyTo(strings, 1);
        envp.CopyTo(strings, 1 + argv.Length);
        var blob = new byte[strings.Sum(s => FileNameEncoding.MaxByteCount(s) + 1)];
        var offsets = new int[strings.Length];
        int at = 0;
        for (int i = 0; i < strings.Length; i++)
        {
            offsets[i] = at;
            at += FileNameEncoding.EncodeInto(strings[i], blob.AsSpan(at));
            blob[at++] = 0;
        }

        var argvPtrs = new nint[argv.Length + 1];
        var envpPtrs = new nint[envp.Length + 1];
        long* fa = stackalloc long[FileActionsLongs];
        long* attr = stackalloc long[AttrLongs];
        var def = SigSet.Full();
        var mask = SigSet.Empty();

        fixed (byte* b = blob)
        fixed (nint* av = argvPtrs)
        fixed (nint* ev = envpPtrs)
        {
            for (int i = 0; i < argv.Length; i++)
                av[i] = (nint)(b + offsets[1 + i]);
            for (int i = 0; i < envp.Length; i++)
                ev[i] = (nint)(b + offsets[1 + argv.Length + i]);

            int rc = Libc.posix_spawn_file_actions_init(fa);
            if (rc != 0)
                return Libc.FromErrorNumber(rc);
            try
            {
                rc = Libc.posix_spawnattr_init(attr);
                if (rc != 0)
                    return Libc.FromErrorNumber(rc);
                try
                {
                    var targets = new HashSet<int>();
                    foreach (var (from, to) in dup2s)
                    {
                        rc = Libc.posix_spawn_file_actions_adddup2(fa, from, to);
                        if (rc != 0)
                            return Libc.FromErrorNumber(rc);
                        targets.Add(to);
                    }
                    int keepBelow = Math.Max(3, targets.Count == 0 ? 0 : targets.Max() + 1);
                    for (int fd = 3; fd < keepBelow; fd++)
                        if (!targets.Contains(fd) && (rc = Libc.posix_spawn_file_actions_addclose(fa, fd)) != 0)
                            return Libc.FromErrorNumber(rc);
                    if ((rc = Libc.posix_spawn_file_actions_addclosefrom_np(fa, keepBelow)) != 0)
                        return Libc.FromErrorNumber(rc);
                    if ((rc = Libc.posix_spawnattr_setsigdefault(attr, &def)) != 0
                        || (rc = Libc.posix_spawnattr_setsigmask(attr, &mask)) != 0
                        || (rc = Libc.posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)) != 0)
                        return Libc.FromErrorNumber(rc);

                    int child = 0;
                    rc = Libc.posix_spawn(&child, b + offsets[0], fa, attr, (byte**)av, (byte**)ev);
                    if (rc != 0)
                        return Libc.FromErrorNumber(rc);
                    pid = child;
                    return Errno.OK;
                }
                finally
                {
                    Libc.posix_spawnattr_destroy(attr);
                }
            }
            finally
            {
                Libc.posix_spawn_file_actions_destroy(fa);
            }
        }
    }

    /// <summary>The current environment as "NAME=value" strings, for envp.</summary>
    public static string[] CurrentEnvironment()
    {
        var list = new List<string>();
        foreach (System.Collections.DictionaryEntry kv in Environment.GetEnvironmentVariables())
            list.Add($"{kv.Key}={kv.Value}");
        return list.ToArray();
    }
}
