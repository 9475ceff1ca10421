// A point in time as the kernel stores it: seconds and nanoseconds since the epoch (struct timespec).
namespace UjailOverlay.Core;

public readonly record struct Timespec(long Sec, long Nsec) : IComparable<Timespec>
{
    public static Timespec FromDateTime(DateTimeOffset t)
    {
        var ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timespec(Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rem) , rem * 100);
    }

    public DateTimeOffset ToDateTime() =>
        DateTimeOffset.UnixEpoch.AddTicks(Sec * TimeSpan.TicksPerSecond + Nsec / 100);

    public int CompareTo(Timespec other) => Sec != other.Sec ? Sec.CompareTo(other.Sec) : Nsec.CompareTo(other.Nsec);

    public override string ToString() => $"{Sec}.{Nsec:D9}";
}
