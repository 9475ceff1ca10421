// The docs are part of the interface: docs/exit-codes.md must list exactly the ExitCode members with their
// numbers, and docs/diff-json.md must document every key the JSON output has.
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
