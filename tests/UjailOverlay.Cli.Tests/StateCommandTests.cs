// `ujail state info|history|journal` through CliApp.Run with a canned state: plain lines and tables, a table
// on a terminal, JSON documents, --after, and the state released afterwards.
using System.Text.Json;
using UjailOverlay.Cli.Commands.State;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class StateCommandTests
{
    private const string StateDir = "/var/lib/ujail/demo";
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Info_is_one_fact_per_line()
    {
        var result = Run(Services(new CannedState()), "state", "info", StateDir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "state         /var/lib/ujail/demo\n" +
            "schema        1\n" +
            "created       2023-11-14 22:13:20\n" +
            "inodes        12\n" +
            "dentries      10\n" +
            "whiteouts     3\n" +
            "journal rows  4\n" +
            "runs          2\n" +
            "upper size    1,234,567 bytes\n",
            result.Out);
    }

    [Fact]
    public void Info_json_follows_its_schema()
    {
        var result = Run(Services(new CannedState()), "state", "info", StateDir, "--json");

        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(
            ["schema", "state", "schemaVersion", "created", "inodes", "dentries", "whiteouts", "journalRows", "runs", "upperBytes"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ujail-state-info/1", root.GetProperty("schema").GetString());
        Assert.Equal("2023-11-14T22:13:20.0000000Z", root.GetProperty("created").GetString());
        Assert.Equal(1_234_567, root.GetProperty("upperBytes").GetInt64());
    }

    [Fact]
    public void History_is_one_row_per_run()
    {
        var result = Run(Services(new CannedState()), "state", "history", StateDir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "id  start                end                  exit  calls  changes  command\n" +
            " 1  2023-11-14 22:13:20  2023-11-14 22:13:25     0    120        7  make -j4\n" +
            " 2  2023-11-14 22:14:00  -                       -      0        0  sh -c 'echo \"hi there\" > /tmp/it'\\''s'\n",
            result.Out);
    }

    [Fact]
    public void History_is_a_table_on_a_terminal_and_json_on_request()
    {
        var table = Run(Services(new CannedState()), true, "state", "history", StateDir);
        var json = Run(Services(new CannedState()), "state", "history", StateDir, "--json");

        Assert.Contains("╭", table.Out);
        var runs = JsonDocument.Parse(json.Out).RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        Assert.Equal(["sh", "-c", "echo \"hi there\" > /tmp/it's"], runs[1].GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("end").ValueKind);
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("exitStatus").ValueKind);
        Assert.Equal(120, runs[0].GetProperty("interceptedCalls").GetInt64());
    }

    [Fact]
    public void Journal_rows_show_results_as_errno_names()
    {
        var result = Run(Services(new CannedState()), "state", "journal", StateDir);

        Assert.Equal(
            "seq  time                        pid  program  syscall    result  path\n" +
            "  1  2023-11-14 22:13:20.000000   42  /bin/sh  openat          3  /etc/hosts\n" +
            "  2  2023-11-14 22:13:21.500000   42  -        renameat        0  /tmp/a -> /tmp/b\n" +
            "  3  2023-11-14 22:13:22.000000   43  rm       unlinkat  -ENOENT  /nope\n",
            result.Out);
    }

    [Fact]
    public void Journal_after_skips_earlier_rows_and_json_streams_them()
    {
        var state = new CannedState();

        var plain = Run(Services(state), "state", "journal", StateDir, "--after", "2");
        var json = Run(Services(state), "state", "journal", StateDir, "--after", "1", "--json");

        Assert.Equal([2L, 1L], state.JournalAfter);
        Assert.Equal(2, plain.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("ujail-state-journal/1", root.GetProperty("schema").GetString());
        var entries = root.GetProperty("entries");
        Assert.Equal([2L, 3L], entries.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(
            ["seq", "time", "pid", "exe", "argv", "syscall", "path", "path2", "result"],
            entries[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(-2, entries[1].GetProperty("result").GetInt32());
    }

    [Fact]
    public void Empty_history_and_journal_print_nothing()
    {
        var state = new CannedState { Empty = true };

        Assert.Equal((0, ""), Pick(Run(Services(state), "state", "history", StateDir)));
        Assert.Equal((0, ""), Pick(Run(Services(state), "state", "journal", StateDir)));
    }

    [Fact]
    public void The_state_is_released_and_bad_input_is_a_usage_error()
    {
        var state = new CannedState();

        Run(Services(state), "state", "info", StateDir);
        var negative = Run(Services(state), "state", "journal", StateDir, "--after", "-1");
        var noVerb = Run(Services(state), "state");

        Assert.Equal((1, 1), (state.Opened, state.Released));
        Assert.Equal((2, "ujail: --after '-1' is not a sequence number (0 or more). Try 'ujail state journal --help'.\n"), (negative.ExitCode, negative.Error));
        Assert.Equal(2, noVerb.ExitCode);
    }

    private static (int, string) Pick(CliResult r) => (r.ExitCode, r.Out);

    private static CliServices Services(CannedState state) => new() { StateReader = () => state };

    private sealed class CannedState : IStateReader, IOpenedState
    {
        public bool Empty { get; init; }
        public int Opened { get; private set; }
        public int Released { get; private set; }
        public List<long> JournalAfter { get; } = [];

        public IOpenedState Open(string stateDir)
        {
            if (stateDir != StateDir) throw new CliException(ExitCode.StateNotFound, $"{stateDir}: no such state directory");
            Opened++;
            return this;
        }

        public string Path => StateDir;

        public StateInfo Info() => new(1, T0, 12, 10, 3, 4, 2, 1_234_567);

        public IReadOnlyList<RunRecord> Runs() => Empty ? [] :
        [
            new RunRecord
            {
                Id = 1, Command = ["make", "-j4"], Cwd = "/src", User = "dev", Uid = 1000, Start = T0, End = T0.AddSeconds(5),
                ExitStatus = 0, Counts = new RunCounts(120, 7),
            },
            new RunRecord
            {
                Id = 2, Command = ["sh", "-c", "echo \"hi there\" > /tmp/it's"], Cwd = "/", User = "root", Start = T0.AddSeconds(40),
            },
        ];

        public IEnumerable<JournalRow> Journal(long afterSeq)
        {
            JournalAfter.Add(afterSeq);
            if (Empty) yield break;
            var rows = new[]
            {
                new JournalRow(1, new JournalEntry(T0, 42, "/bin/sh", "sh -c x", "openat", "/etc/hosts", null, 3)),
                new JournalRow(2, new JournalEntry(T0.AddSeconds(1.5), 42, null, null, "renameat", "/tmp/a", "/tmp/b", 0)),
                new JournalRow(3, new JournalEntry(T0.AddSeconds(2), 43, "rm", "rm /nope", "unlinkat", "/nope", null, -2)),
            };
            foreach (var row in rows.Where(r => r.Seq > afterSeq)) yield return row;
        }

        public void Dispose() => Released++;
    }
}
