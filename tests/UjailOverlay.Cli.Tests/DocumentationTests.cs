// The docs are part of the interface: docs/exit-codes.md must list exactly the ExitCode members with their
// numbers, docs/diff-json.md must document every key the JSON output has, and docs/cli.md must have a section
// for every verb and document every key of the other verbs' JSON.
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using static UjailOverlay.Cli.Tests.CliRun;

namespace UjailOverlay.Cli.Tests;

public sealed class DocumentationTests
{
    [Fact]
    public void Exit_codes_doc_matches_the_enum()
    {
        var documented = Regex.Matches(ReadDoc("exit-codes.md"), @"^\|\s*(\d+)\s*\|\s*`(\w+)`", RegexOptions.Multiline)
            .Select(m => (Number: int.Parse(m.Groups[1].Value), Name: m.Groups[2].Value))
            .ToArray();
        var actual = Enum.GetValues<ExitCode>().Select(c => ((int)c, c.ToString())).ToArray();

        Assert.Equal(actual, documented);
    }

    [Fact]
    public void Every_json_key_is_documented()
    {
        var doc = ReadDoc("diff-json.md");
        var json = Run(With(RichState.Build()), "diff", "/var/lib/ujail/demo", "--json").Out;

        var keys = new SortedSet<string>(StringComparer.Ordinal);
        Collect(JsonDocument.Parse(json).RootElement, keys);

        Assert.All(keys, key => Assert.Contains($"`{key}`", doc));
    }

    [Fact]
    public void Every_verb_has_a_section_in_the_cli_doc()
    {
        var doc = ReadDoc("cli.md");
        var root = CliApp.BuildRoot(new Infrastructure.CliContext(new TestConsole(), new CliServices()));
        var verbs = root.Subcommands.SelectMany(c => c.Subcommands.Count == 0 ? [c.Name] : c.Subcommands.Select(s => $"{c.Name} {s.Name}"));

        Assert.All(verbs, verb => Assert.Matches($@"(?m)^## `ujail {Regex.Escape(verb)}\b", doc));
    }

    [Fact]
    public void Every_json_key_of_the_inspection_verbs_is_documented()
    {
        var doc = ReadDoc("cli.md");
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        Collect(JsonDocument.Parse(Run(WithView(ViewState.Build()), "stat", "/var/lib/ujail/demo", "/dev/null", "--json").Out).RootElement, keys);
        foreach (var verb in new[] { "info", "history", "journal" })
            Collect(JsonDocument.Parse(Run(new CliServices { StateReader = () => new DocState() }, "state", verb, "/s", "--json").Out).RootElement, keys);

        Assert.All(keys, key => Assert.Contains($"`{key}`", doc));
    }

    private sealed class DocState : Commands.State.IStateReader, Commands.State.IOpenedState
    {
        public Commands.State.IOpenedState Open(string stateDir) => this;
        public string Path => "/s";
        public State.StateInfo Info() => new(1, DateTimeOffset.UnixEpoch, 1, 1, 0, 1, 1, 0);
        public IReadOnlyList<State.RunRecord> Runs() => [new State.RunRecord { Id = 1, Command = ["true"], Cwd = "/", User = "root" }];
        public IEnumerable<State.JournalRow> Journal(long afterSeq) =>
            [new(1, new Core.Persistence.JournalEntry(DateTimeOffset.UnixEpoch, 1, null, null, "openat", "/x", null, 0))];
        public void Dispose() { }
    }

    private static void Collect(JsonElement element, ISet<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var property in element.EnumerateObject())
            {
                keys.Add(property.Name);
                Collect(property.Value, keys);
            }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) Collect(item, keys);
    }

    private static string ReadDoc(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UjailOverlay.sln")))
                return File.ReadAllText(Path.Combine(dir.FullName, "docs", name));
        throw new FileNotFoundException($"docs/{name}: repository root not found above {AppContext.BaseDirectory}");
    }
}
