// A clock the test moves by hand, so the IndexWriter's 50 ms rule is tested without sleeping.
namespace UjailOverlay.State.Tests.Support;

internal sealed class ManualTime : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
