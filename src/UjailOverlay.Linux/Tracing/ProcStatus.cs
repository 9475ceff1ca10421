// The identity of a process or thread as /proc/PID/status reports it (proc(5)): thread group, parent,
// real/effective/saved/filesystem uid and gid, supplementary groups, umask and effective capabilities.
// Emulated work runs with the tracer's credentials, so handlers apply these instead (engine-notes.md §5).
// The file is read in one go from a single open (seq_file produces it in one pass, so it is a snapshot).
// A pid names a process only while it is alive and waited-for; callers that hold a tracee stopped or
// parked on a notification are safe from reuse.
using System.Globalization;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tracing;

/// <summary>Real, effective, saved and filesystem ids, in the order of the Uid:/Gid: lines.</summary>
public readonly record struct IdSet(uint Real, uint Effective, uint Saved, uint Fs);

public sealed record ProcStatus(int Pid, int Tgid, int PPid, IdSet Uid, IdSet Gid, uint[] Groups, uint Umask, ulong CapEff)
{
    // CAP_CHOWN 0, CAP_DAC_OVERRIDE 1, CAP_DAC_READ_SEARCH 2, CAP_FOWNER 3, CAP_FSETID 4 (linux/capability.h).
    private const ulong FileCaps = 0b11111;

    /// <summary>The credentials file permission checks use: fsuid, fsgid, groups, and whether the caller holds
    /// the file capabilities root has (the kernel drops them from CapEff when fsuid leaves 0).</summary>
    public Credentials ToCredentials() => new(Uid.Fs, Gid.Fs, Groups, (CapEff & FileCaps) == FileCaps);

    public static Errno Read(int pid, out ProcStatus? status)
    {
        status = null;
        var e = ReadAll($"/proc/{pid}/status", out var text);
        if (e != Errno.OK)
            return e;
        return Parse(text, out status) ? Errno.OK : Errno.EIO;
    }

    internal static bool Parse(string text, out ProcStatus? status)
    {
        status = null;
        int pid = -1, tgid = -1, ppid = -1;
        uint umask = 0x12; // 022, for kernels before 4.7 that lack the Umask line
        ulong capEff = 0;
        IdSet? uid = null, gid = null;
        uint[] groups = [];
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "Pid": pid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "Tgid": tgid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "PPid": ppid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "Umask": umask = Convert.ToUInt32(value.ToString(), 8); break;
                case "CapEff": capEff = ulong.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture); break;
                case "Uid": uid = ParseIds(value); break;
                case "Gid": gid = ParseIds(value); break;
                case "Groups": groups = ParseList(value); break;
            }
        }
        if (pid < 0 || tgid < 0 || ppid < 0 || uid is null || gid is null)
            return false;
        status = new ProcStatus(pid, tgid, ppid, uid.Value, gid.Value, groups, umask, capEff);
        return true;
    }

    private static IdSet? ParseIds(ReadOnlySpan<char> value)
    {
        var ids = ParseList(value);
        return ids.Length == 4 ? new IdSet(ids[0], ids[1], ids[2], ids[3]) : null;
    }

    private static uint[] ParseList(ReadOnlySpan<char> value)
    {
        var list = new List<uint>();
        foreach (var range in value.SplitAny(" \t"))
        {
            var item = value[range];
            if (!item.IsEmpty)
                list.Add(uint.Parse(item, CultureInfo.InvariantCulture));
        }
        return list.ToArray();
    }

    private static unsafe Errno ReadAll(string path, out string text)
    {
        text = "";
        Span<byte> scratch = stackalloc byte[64];
        CPath.TryEncode(path, scratch, out var z);
        int fd;
        fixed (byte* p = z)
            fd = Libc.openat(AT_FDCWD, p, O_RDONLY | O_CLOEXEC, 0);
        if (fd < 0)
            return Libc.LastErrno();
        using var owned = SafeFd.Adopt(fd);
        var buf = new byte[8192];
        int len = 0;
        while (true)
        {
            if (len == buf.Length)
                Array.Resize(ref buf, buf.Length * 2);
            nint n;
            fixed (byte* p = buf)
                n = Libc.read(fd, p + len, (nuint)(buf.Length - len));
            if (n < 0)
            {
                var e = Libc.LastErrno();
                if (e == Errno.EINTR)
                    continue;
                return e;
            }
            if (n == 0)
                break;
            len += (int)n;
        }
        text = System.Text.Encoding.UTF8.GetString(buf, 0, len);
        return Errno.OK;
    }
}
