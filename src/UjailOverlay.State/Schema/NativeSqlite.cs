// Where the SQLite library comes from. A self-contained ujail (tools/publish.sh, NativeAOT) ships libe_sqlite3.so
// beside itself, but the runtime's probing for the provider's "e_sqlite3" first tries "e_sqlite3.so" through the
// whole system library path (about 40 failed opens and stats at the start of every run). When the file is
// there, the provider is pointed at it directly; otherwise (a framework-dependent build, whose deps.json names
// the runtimes/ copy) nothing changes. It also keeps a library of that name elsewhere on the system library path
// (or in LD_LIBRARY_PATH) from being loaded in place of the one ujail was built and tested with.
using System.Runtime.InteropServices;

namespace UjailOverlay.State.Schema;

internal static class NativeSqlite
{
    private const string BundledName = "libe_sqlite3.so";
    private static int _configured;

    /// <summary>Call before the first SQLite connection of the process; later calls do nothing.</summary>
    public static void PreferBundledLibrary()
    {
        if (Interlocked.Exchange(ref _configured, 1) != 0 || !OperatingSystem.IsLinux())
            return;
        var beside = Path.Combine(AppContext.BaseDirectory, BundledName);
        if (!File.Exists(beside))
            return;
        NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly,
            (name, _, _) => name == "e_sqlite3" && NativeLibrary.TryLoad(beside, out var handle) ? handle : IntPtr.Zero);
    }
}
