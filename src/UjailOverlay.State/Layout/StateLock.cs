// The one-writer lock on STATE/lock. Three layers, because each alone has a hole:
//   1. An in-process table of held lock paths: POSIX record locks never conflict within one process.
//   2. Opening with FileShare.None: on Linux .NET emulates sharing with flock(LOCK_EX|LOCK_NB) on the open file
//      description, which excludes other processes and other opens in this one (skipped only when
//      DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set).
//   3. FileStream.Lock(0, 1): an fcntl(F_SETLK) write lock on byte 0, which excludes other processes even
//      when (2) is disabled, and which NFS honours.
// All three go when the stream is closed, and the kernel drops (2) and (3) when the process dies, so a killed
// writer never leaves a stale lock. Readers take no lock: SQLite's WAL lets them read beside the writer.
using System.Collections.Concurrent;

namespace UjailOverlay.State.Layout;

internal sealed class StateLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, byte> HeldHere = new(StringComparer.Ordinal);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private const int EWOULDBLOCK = 11; // asm-generic/errno-base.h EAGAIN; .NET reports a sharing violation with it

    private readonly string _lockPath;
    private FileStream? _stream;

    private StateLock(string lockPath, FileStream stream)
    {
        _lockPath = lockPath;
        _stream = stream;
    }

    /// <summary>Takes the lock, polling until <paramref name="wait"/> has passed; throws Locked or Unreadable.</summary>
    public static StateLock Acquire(string stateDir, TimeSpan? wait)
    {
        var lockPath = Path.Combine(stateDir, StateLayout.Lock);
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.Zero);
        while (true)
        {
            var held = TryAcquire(stateDir, lockPath);
            if (held is not null)
                return held;
            if (DateTime.UtcNow >= deadline)
            {
                throw StateException.At(StateErrorKind.Locked, stateDir, wait is null
                    ? "locked by another writer"
                    : $"still locked by another writer after waiting {wait.Value.TotalSeconds:0.###} s");
            }
            Thread.Sleep(PollInterval);
        }
    }

    private static StateLock? TryAcquire(string stateDir, string lockPath)
    {
        if (!HeldHere.TryAdd(lockPath, 0))
            return null;
        FileStream? stream = null;
        try
        {
            stream = StateLayout.OpenFile(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, StateLayout.FileMode);
            if (OperatingSystem.IsLinux())
                stream.Lock(0, 1);
            return new StateLock(lockPath, stream);
        }
        catch (IOException e) when (e.HResult == EWOULDBLOCK)
        {
            Release(stream, lockPath);
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            Release(stream, lockPath);
            throw StateException.At(StateErrorKind.Unreadable, stateDir, "lock: permission denied", e);
        }
        catch (IOException e)
        {
            Release(stream, lockPath);
            throw StateException.At(StateErrorKind.Unreadable, stateDir, $"lock: {e.Message}", e);
        }
        catch
        {
            Release(stream, lockPath);
            throw;
        }
    }

    private static void Release(FileStream? stream, string lockPath)
    {
        stream?.Dispose();
        HeldHere.TryRemove(lockPath, out _);
    }

    public void Dispose()
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        if (stream is null)
            return;
        Release(stream, _lockPath);
    }
}
