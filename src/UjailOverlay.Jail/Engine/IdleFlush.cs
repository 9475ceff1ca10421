// Commits the index's pending batch when the jail goes quiet. A busy supervisor commits as it records
// (IndexWriter: every 2,048 calls or 50 ms); a batch left when the calls stop (a shell waiting for input, a
// long computation) would otherwise wait for the next call or the run's end. The supervisor blocks in
// NOTIF_RECV, so this tick runs on a timer; OverlayFs.Idle takes the overlay's lock, the same one every
// change is recorded under, so it never interleaves with a handler.
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.Jail.Engine;

internal sealed class IdleFlush : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private readonly OverlayFs _overlay;
    private readonly Action<string>? _trace;
    private readonly Timer _timer;
    private int _failed;

    private IdleFlush(OverlayFs overlay, Action<string>? trace)
    {
        _overlay = overlay;
        _trace = trace;
        _timer = new Timer(_ => Tick(), null, Period, Period);
    }

    public static IdleFlush Start(OverlayFs overlay, Action<string>? trace) => new(overlay, trace);

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
        using var done = new ManualResetEvent(false);
        // Wait for a tick in progress, so no flush runs after the caller's own Flush.
        if (_timer.Dispose(done))
            done.WaitOne();
    }
}
