// Helper process for UjailOverlay.State.Tests (started as `dotnet UjailOverlay.State.CrashWriter.dll ...`).
//   write STATE RUN SEED  Opens (or creates) STATE, prints "opened", and writes batches forever: per batch one upper file (built in
//                         work/, renamed into upper/), then SIZE inodes+dentries (/rRUN_bBATCH_J) and journal
//                         rows, then Flush and prints "flushed BATCH SIZE". The test SIGKILLs it at random.
//   hold STATE            Opens STATE ReadWrite, prints "locked", waits for a line (or EOF) on stdin, closes,
//                         prints "released".
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State;

if (args.Length >= 2 && args[0] == "hold")
{
    using (StateDirectory.Open(args[1], StateAccess.ReadWrite))
    {
        Console.WriteLine("locked");
        Console.ReadLine();
    }
    Console.WriteLine("released");
    return 0;
}
if (args.Length >= 4 && args[0] == "write")
{
    Write(args[1], int.Parse(args[2]), int.Parse(args[3]));
    return 0;
}
Console.Error.WriteLine("usage: write STATE RUN SEED | hold STATE");
return 2;

static void Write(string stateDir, int run, int seed)
{
    var random = new Random(seed);
    using var state = StateDirectory.Open(stateDir, StateAccess.CreateOrOpen, TimeSpan.FromSeconds(30));
    var sink = state.Changes;
    Console.WriteLine("opened");
    Console.Out.Flush();
    for (var batch = 1; ; batch++)
    {
        var size = random.Next(1, 3000);
        var name = CrashNames.Path(run, batch, 0).TrimStart('/');
        var temp = Path.Combine(state.WorkPath, name + ".tmp");
        File.WriteAllText(temp, $"content of run {run} batch {batch}\n");
        File.Move(temp, Path.Combine(state.UpperPath, name)); // content first, then the index (SchemaV1)
        for (var j = 0; j < size; j++)
        {
            var ino = CrashNames.Ino(run, batch, j);
            var t = new Timespec(1_700_000_000 + batch, j);
            sink.SetNextIno(ino + 1); // the number is taken before the inode is reported (IndexWriter)
            sink.PutInode(new InodeRecord(ino, NodeType.Regular, 0x1A4, 1000, 1000, 0, t, t, t,
                DataInUpper: j == 0, LowerPath: j == 0 ? null : "/lower/file", Origin: null, SymlinkTarget: null,
                Opaque: false, Redirect: null, Xattrs: new Dictionary<string, byte[]>()));
            sink.PutDentry(new DentryRecord(CrashNames.Path(run, batch, j), ino));
            if (j % 16 == 0)
                sink.Journal(new JournalEntry(DateTimeOffset.UtcNow, Environment.ProcessId, "/bin/crash", "crash", "openat", CrashNames.Path(run, batch, j), null, 3));
        }
        sink.Flush();
        Console.WriteLine($"flushed {batch} {size}");
        Console.Out.Flush();
    }
}

/// <summary>Names and inode numbers the crash test recomputes from what was printed.</summary>
public static class CrashNames
{
    public static string Path(int run, int batch, int j) => $"/r{run}_b{batch}_{j}";

    public static ulong Ino(int run, int batch, int j) =>
        OverlayImage.FirstUpperIno + (ulong)run * 1_000_000_000UL + (ulong)batch * 10_000UL + (ulong)j;
}
