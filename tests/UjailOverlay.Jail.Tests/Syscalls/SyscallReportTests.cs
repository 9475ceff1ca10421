// The `ujail syscalls` report: one row per entry in number order with errno names and rule text, counts that add up,
// and JSON written through the source-generated context with enum names and camelCase properties.
using System.Text.Json;
using UjailOverlay.Jail.Syscalls;
using Xunit;
using Xunit.Abstractions;

namespace UjailOverlay.Jail.Tests.Syscalls;

public sealed class SyscallReportTests(ITestOutputHelper output)
{
    [Fact]
    public void Rows_FollowTheTable()
    {
        IReadOnlyList<SyscallReportRow> rows = SyscallReport.Rows(SyscallTable.All);

        Assert.Equal(SyscallTable.All.Select(e => e.Number), rows.Select(r => r.Number));
        Assert.Equal(new SyscallReportRow(2, "open", SyscallFamily.File, SupportLevel.Emulated, "", "openat", "",
            SyscallTable.ByName("open")!.Note), rows.Single(r => r.Name == "open"));
        Assert.Equal("ENOSYS", rows.Single(r => r.Name == "io_uring_setup").Errno);
        Assert.Equal("EPERM", rows.Single(r => r.Name == "mount").Errno);
        Assert.Equal("EOPNOTSUPP", rows.Single(r => r.Name == "name_to_handle_at").Errno);
        Assert.Equal("", rows.Single(r => r.Name == "read").Errno);
        Assert.StartsWith("(u32)args[1] == 0x5412 -> EPERM; (u32)args[1] == 0x541c -> EPERM",
            rows.Single(r => r.Name == "ioctl").Rules);
        Assert.Equal("args[0] & 0x7e020080 -> EPERM", rows.Single(r => r.Name == "clone").Rules);
        Assert.Equal("(u32)args[0] == 0x1 && args[1] & 0x8 -> EPERM", rows.Single(r => r.Name == "seccomp").Rules);
        Assert.Equal("args[4] != 0 -> Emulated", rows.Single(r => r.Name == "sendto").Rules);
        Assert.NotEqual("", rows.Single(r => r.Name == "clone").Rules);
    }

    [Fact]
    public void Counts_AddUp()
    {
        SyscallSupportCounts counts = SyscallReport.Counts(SyscallTable.All);
        output.WriteLine(counts.ToString());

        Assert.Equal(SyscallTable.All.Count, counts.Total);
        Assert.Equal(counts.Total,
            counts.PassedThrough + counts.Emulated + counts.Traced + counts.Denied + counts.Conditional);
        Assert.Equal(new SyscallSupportCounts(208, 89, 2, 79, 4, 382), counts);
    }

    [Fact]
    public void Json_HasEveryRowAndTheCounts()
    {
        string json = SyscallReport.ToJson(SyscallTable.All);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;

        JsonElement syscalls = root.GetProperty("syscalls");
        Assert.Equal(SyscallTable.All.Count, syscalls.GetArrayLength());
        JsonElement ioctl = syscalls.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "ioctl");
        Assert.Equal(16, ioctl.GetProperty("number").GetInt32());
        Assert.Equal("Io", ioctl.GetProperty("family").GetString());
        Assert.Equal("Conditional", ioctl.GetProperty("support").GetString());
        Assert.Contains("0x5412", ioctl.GetProperty("rules").GetString());
        Assert.Equal("EPERM", syscalls.EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "ptrace").GetProperty("errno").GetString());
        Assert.Equal(208, root.GetProperty("counts").GetProperty("passedThrough").GetInt32());
        Assert.Equal(382, root.GetProperty("counts").GetProperty("total").GetInt32());
    }
}
