// The system under test: an OverlayFs over the real host layers (HostLowerLayer on lower/, HostUpperTree on
// upper/ + work/) with a RecordingSink, driven the way the jail's engine drives it: the overlay answers the
// call, and data moves through the Backing it names: a write goes to the upper file at upper/+Backing.Path, a
// read comes from that file or from the lower file the backing names.
using System.Text;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Tests.Overlay;
using UjailOverlay.Linux.Fs;

namespace UjailOverlay.Core.Tests.Model;

internal sealed class OverlayUnderTest : IDisposable
{
    public HostLowerLayer Lower { get; }
    public HostUpperTree Upper { get; }
    public RecordingSink Sink { get; } = new();
    public OverlayFs Fs { get; }
    public OpContext Ctx { get; }

    public OverlayUnderTest(string lowerDir, string upperDir, string workDir, OpContext ctx)
    {
        Lower = new HostLowerLayer(lowerDir);
        Upper = new HostUpperTree(upperDir, workDir, Lower);
        Fs = new OverlayFs(Lower, Upper, Sink, OverlayImage.Empty);
        Ctx = ctx;
    }

    public void Dispose()
    {
        Upper.Dispose();
        Lower.Dispose();
    }

    public Outcome Apply(ModelOp op) => op.Kind switch
    {
        OpKind.Write => Write(op),
        OpKind.Read => Read(op.Path, op.OpenFlags),
        OpKind.Truncate => new(Fs.Truncate(op.Path, op.Length, Ctx)),
        OpKind.Unlink => new(Fs.Unlink(op.Path, Ctx)),
        OpKind.Rmdir => new(Fs.Rmdir(op.Path, Ctx)),
        OpKind.Mkdir => new(Fs.Mkdir(op.Path, op.Mode, Ctx)),
        OpKind.Symlink => new(Fs.Symlink(op.Data, op.Path, Ctx)),
        OpKind.Rename => new(Fs.Rename(op.Path, op.Path2, op.RenameFlags, Ctx)),
        OpKind.Link => new(Fs.Link(op.Path, op.Path2, op.Follow, Ctx)),
        OpKind.Chmod => new(Fs.Chmod(op.Path, op.Mode, true, Ctx)),
        OpKind.Chown => new(Fs.Chown(op.Path, op.Uid, op.Gid, op.Follow, Ctx)),
        OpKind.Utimens => new(Fs.Utimens(op.Path, Time(op.Atime), Time(op.Mtime), op.Follow, Ctx)),
        OpKind.SetXattr => new(Fs.SetXattr(op.Path, op.Path2, Encoding.UTF8.GetBytes(op.Data), op.XattrFlags, op.Follow, Ctx)),
        OpKind.RemoveXattr => new(Fs.RemoveXattr(op.Path, op.Path2, op.Follow, Ctx)),
        OpKind.Stat => Fs.Stat(op.Path, op.Follow, Ctx, out var st) is var e && e != Errno.OK ? new(e) : new(e, View.Describe(st)),
        OpKind.ReadLink => Fs.ReadLink(op.Path, Ctx, out var target) is var le && le != Errno.OK ? new(le) : new(le, target),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static TimeUpdate Time(Timespec? t) => t is { } v ? TimeUpdate.Set(v) : TimeUpdate.Omit;

    private Outcome Write(ModelOp op)
    {
        var e = Fs.Open(op.Path, op.OpenFlags, op.Mode, Ctx, out var r);
        if (e != Errno.OK) return new(e);
        if (r.Backing.Kind != BackingKind.Upper) return new(Errno.OK, $"write open backed by {r.Backing} (expected the upper tree)");
        e = Upper.OpenWrite(r.Backing.Path, truncate: false, append: (op.OpenFlags & OpenFlags.Append) != 0, out var s);
        if (e != Errno.OK) return new(Errno.OK, $"upper file {r.Backing.Path}: {e}");
        using (s) s.Write(Encoding.UTF8.GetBytes(op.Data));
        return new(Errno.OK);
    }

    /// <summary>open(path, O_RDONLY|extra) and the whole content through the backing; a directory reads as "&lt;dir&gt;".</summary>
    public Outcome Read(string path, OpenFlags extra)
    {
        var e = Fs.Open(path, OpenFlags.ReadOnly | extra, 0, Ctx, out var r);
        if (e != Errno.OK) return new(e);
        if (r.Stat.IsDirectory) return new(Errno.OK, "<dir>");
        Stream s;
        e = r.Backing.Kind switch
        {
            BackingKind.Upper => Upper.OpenRead(r.Backing.Path, out s),
            BackingKind.Lower => Lower.OpenRead(r.Backing.Path, out s),
            _ => throw new InvalidOperationException($"unexpected backing {r.Backing} for {path}"),
        };
        if (e != Errno.OK) return new(Errno.OK, $"backing {r.Backing} unreadable: {e}");
        using (s)
        {
            var ms = new MemoryStream();
            s.CopyTo(ms);
            return new(Errno.OK, View.Content(ms.ToArray()));
        }
    }
}
