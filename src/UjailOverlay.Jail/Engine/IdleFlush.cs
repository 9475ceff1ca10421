// Commits the index's pending batch when the jail goes quiet. A busy supervisor commits as it records
// (IndexWriter: every 2,048 calls or 50 ms); a batch left when the calls stop (a shell waiting for input, a
// long computation) would otherwise wait for the next call or the run's end. The supervisor blocks in
// NOTIF_RECV, so this tick runs on a timer; OverlayFs.Idle takes the overlay's lock, the same one every
// change is recorded under, so it never interleaves with a handler.
// The timer starts at the first change (Arm), not with the jail: a run that changes nothing has nothing to
// flush, and a .NET timer's first use (its queue and its thread) is a measurable part of a short run.
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.Jail.Engine;

internal sealed class IdleFlush : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private readonly OverlayFs _overlay;
    private readonly Action<string>? _trace;
    private readonly Lock _gate = new();
    private Timer? _timer;
    private bool _disposed;
    private int _failed;

    public IdleFlush(OverlayFs overlay, Action<string>? trace)
    {
        _overlay = overlay;
        _trace = trace;
    }

    /// <summary>Starts the ticks, once; the supervisor calls it after each change it records.</summary>
    public void Arm()
    {
        if (Volatile.Read(ref _timer) is not null) return;
        lock (_gate)
        {
            if (_timer is null && !_disposed)
                Volatile.Write(ref _timer, new Timer(_ => Tick(), null, Period, Period));
        }
    }

    private void Tick()
    {
        try
        {
            _overlay.Idle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch stays pending; the run's final Flush commits it or reports the failure. Say it once.
            if (Interlocked.Exchange(ref _failed, 1) == 0)
                _trace?.Invoke($"idle flush failed: {e.Message}");
        }
    }

    public void Dispose()
    {
        Timer? timer;
        lock (_gate)
        {
            _disposed = true;
            timer = _timer;
        }
        if (timer is null) return;
        using var done = new ManualResetEvent(false);
        // Wait for a tick in progress, so no flush runs after the caller's own Flush.
        if (timer.Dispose(done))
            done.WaitOne();
    }
}
