// Builds an overlay over in-memory fakes: a lower host tree and an upper tree, with a recording change sink,
// so each test states a lower layout, acts through OverlayFs as a caller would, and checks the merged view,
// the upper tree and that the lower layer was never written.
using System.Text;
using Xunit;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Tests.Fakes;

namespace UjailOverlay.Core.Tests.Overlay;

internal sealed class OverlayKit
{
    public static readonly OpContext Root = OpContext.Root;
    public static readonly OpContext Alice = new(Credentials.User(1000, 1000), 0x12);
    public static readonly OpContext Bob = new(Credentials.User(1001, 1001), 0x12);

    public FakeLowerLayer Lower { get; } = new();
    public FakeUpperTree Upper { get; }
    public RecordingSink Sink { get; } = new();
    private OverlayFs? _fs;

    public OverlayKit()
    {
        Upper = new FakeUpperTree(Lower);
    }

    public OverlayFs Fs => _fs ??= new OverlayFs(Lower, Upper, Sink, OverlayImage.Empty, Options);

    public OverlayOptions Options { get; } = new() { Clock = () => new Timespec(1_800_000_000, 0) };

    /// <summary>A second overlay opened from what the sink recorded: what a later run would see.</summary>
    public OverlayFs Reopen() => new(Lower, Upper, NullChangeSink.Instance, Sink.Image(), Options);

    public string LowerSnapshot() => string.Join("\n", Lower.Tree.Paths.Order(StringComparer.Ordinal)
        .Select(p => { var n = Lower.Tree.Get(p); return $"{p} {n.Type} {n.Perm:x} {n.Uid} {n.Gid} {Encoding.UTF8.GetString(n.Content)} {n.Target} {n.Mtime}"; }));

    public void Write(string path, string content, OpContext? ctx = null, OpenFlags extra = OpenFlags.Truncate)
    {
        Assert.Equal(Errno.OK, Fs.Open(path, OpenFlags.WriteOnly | OpenFlags.Create | extra, 0x1A4, ctx ?? Root, out var r));
        Assert.Equal(BackingKind.Upper, r.Backing.Kind);
        Assert.Equal(Errno.OK, Upper.OpenWrite(r.Backing.Path, truncate: (extra & OpenFlags.Truncate) != 0, append: (extra & OpenFlags.Append) != 0, out var s));
        using (s) s.Write(Encoding.UTF8.GetBytes(content));
    }

    public string Read(string path, OpContext? ctx = null)
    {
        Assert.Equal(Errno.OK, Fs.Open(path, OpenFlags.ReadOnly, 0, ctx ?? Root, out var r));
        Stream s;
        if (r.Backing.Kind == BackingKind.Upper) Assert.Equal(Errno.OK, Upper.OpenRead(r.Backing.Path, out s));
        else Assert.Equal(Errno.OK, Lower.OpenRead(r.Backing.Path, out s));
        using (s) return new StreamReader(s).ReadToEnd();
    }

    public IReadOnlyList<string> List(string path, OpContext? ctx = null)
    {
        Assert.Equal(Errno.OK, Fs.ListDirectory(path, ctx ?? Root, out var entries));
        return entries.Select(e => e.Name).ToList();
    }

    public NodeStat Stat(string path, bool follow = true)
    {
        Assert.Equal(Errno.OK, Fs.Stat(path, follow, Root, out var st));
        return st;
    }

    public Errno StatErr(string path, bool follow = true, OpContext? ctx = null) => Fs.Stat(path, follow, ctx ?? Root, out _);
}

/// <summary>Applies every reported change to an in-memory image, as the State's index writer would.</summary>
internal sealed class RecordingSink : IChangeSink
{
    private readonly Dictionary<ulong, InodeRecord> _inodes = new();
    private readonly Dictionary<string, DentryRecord> _dentries = new(StringComparer.Ordinal);
    private ulong _next = OverlayImage.FirstUpperIno;
    public int Flushes;
    public List<JournalEntry> Journal = new();

    public void PutInode(InodeRecord inode) => _inodes[inode.Ino] = inode;
    public void DropInode(ulong ino) => _inodes.Remove(ino);
    public void PutDentry(DentryRecord dentry) => _dentries[dentry.Path] = dentry;
    public void DropDentry(string path) => _dentries.Remove(path);
    public void SetNextIno(ulong nextIno) => _next = nextIno;
    void IChangeSink.Journal(JournalEntry entry) => Journal.Add(entry);
    public void Flush() => Flushes++;

    public OverlayImage Image() => new(_inodes.Values.ToList(), _dentries.Values.ToList(), _next);
    public IReadOnlyCollection<DentryRecord> Dentries => _dentries.Values;
}
