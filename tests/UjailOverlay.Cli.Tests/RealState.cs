// A real state directory for end-to-end tests of the inspection verbs: a scratch host tree (the lower root), and
// a state directory inside it (so hiding it is tested too) filled by driving a real OverlayFs over
// HostLowerLayer/HostUpperTree with the state's own change sink, as `ujail run` does, then closed. Services()
// gives the real composition (Composition/Services) with the merged view rooted at the scratch tree.
using System.Text;
using UjailOverlay.Cli.Composition;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Linux.Fs;
using UjailOverlay.State;
using Xunit;

namespace UjailOverlay.Cli.Tests;

internal sealed class RealState : IDisposable
{
    public static readonly byte[] Blob = Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).Concat("\0\r\n"u8.ToArray()).ToArray();
    public static readonly DateTimeOffset HostTime = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000); // 2020-09-13 12:26:40Z

    public RealState()
    {
        Root = Path.Combine(Path.GetTempPath(), "ujail-cli-tests", Guid.NewGuid().ToString("N"));
        LowerRoot = Path.Combine(Root, "host");
        StateDir = Path.Combine(LowerRoot, "var", "lib", "ujail", "demo");
        HostFile("etc/hosts", "127.0.0.1 localhost\n");
        HostFile("etc/motd", "welcome\n");
        HostFile("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
        HostFile("usr/bin/tool", "#!/bin/sh\n");
        Directory.CreateDirectory(Path.GetDirectoryName(StateDir)!);
        Fill();
    }

    public string Root { get; }

    /// <summary>The scratch host tree that virtual "/" maps to.</summary>
    public string LowerRoot { get; }

    /// <summary>The state directory, at /var/lib/ujail/demo of the scratch tree (hidden from the view).</summary>
    public string StateDir { get; }

    public string UpperDir => Path.Combine(StateDir, "upper");

    public CliServices Services()
    {
        var services = Composition.Services.Real();
        services.MergedView = () => new MergedView(LowerRoot);
        return services;
    }

    /// <summary>What reading must never change: index.db's bytes, and every upper object's path, type, size, mtime
    /// and content (atime is left out: reading a file may update it).</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder(Convert.ToHexString(File.ReadAllBytes(Path.Combine(StateDir, "index.db"))));
        foreach (var path in Directory.EnumerateFileSystemEntries(UpperDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            text.Append($"\n{Path.GetRelativePath(UpperDir, path)} {info.Attributes} {info.LinkTarget} {info.LastWriteTimeUtc.Ticks}");
            if (info.LinkTarget is null && !info.Attributes.HasFlag(FileAttributes.Directory))
                text.Append(' ').Append(Convert.ToHexString(File.ReadAllBytes(path)));
        }
        return text.ToString();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private void HostFile(string rel, string content)
    {
        var path = Path.Combine(LowerRoot, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, HostTime.UtcDateTime);
    }

    // What a jailed program would do: mkdir, create and write, rewrite a host file (copy-up), delete one
    // (whiteout), symlink, chmod; one journal row and one run in the history.
    private void Fill()
    {
        var ctx = OpContext.Root;
        using var state = StateDirectory.Open(StateDir, StateAccess.CreateOrOpen);
        using var lower = new HostLowerLayer(LowerRoot, [state.Path]);
        using var upper = new HostUpperTree(state.UpperPath, state.WorkPath, lower);
        var fs = new OverlayFs(lower, upper, state.Changes, state.LoadImage());
        Ok(fs.Mkdir("/opt", 0x1ED, ctx));
        Write(fs, upper, "/opt/new.txt", "fresh\n"u8.ToArray());
        Write(fs, upper, "/opt/blob.bin", Blob);
        Write(fs, upper, "/etc/hosts", "127.0.0.1 localhost\n10.0.0.5 db\n"u8.ToArray());
        Ok(fs.Unlink("/etc/motd", ctx));
        Ok(fs.Symlink("new.txt", "/opt/link", ctx));
        Ok(fs.Chmod("/opt/new.txt", 0x1A0, follow: true, ctx)); // 0640
        fs.Journal(new JournalEntry(HostTime, 4242, "/bin/sh", "sh -c 'rm /etc/motd'", "unlinkat", "/etc/motd", null, 0));
        fs.Flush();
        var run = state.History.Begin(new RunRecord { Command = ["sh", "-c", "make install"], Cwd = "/", User = "root", Start = HostTime });
        state.History.End(run, 0, new RunCounts(321, 6), HostTime.AddSeconds(3));
    }

    private static void Write(OverlayFs fs, HostUpperTree upper, string path, byte[] content)
    {
        Ok(fs.Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, 0x1A4, OpContext.Root, out var opened));
        Assert.Equal(BackingKind.Upper, opened.Backing.Kind);
        Ok(upper.OpenWrite(opened.Backing.Path, truncate: true, append: false, out var stream));
        using (stream) stream.Write(content);
    }

    private static void Ok(Errno errno) => Assert.Equal(Errno.OK, errno);
}

/// <summary>A fact that needs Linux (state directories, openat2); skipped with the reason elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "state directories and the host layers need Linux";
    }
}
