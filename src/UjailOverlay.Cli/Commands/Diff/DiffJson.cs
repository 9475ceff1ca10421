// `ujail diff --json`: schema "ujail-diff/1", documented in docs/diff-json.md. Every key is always present
// (null when it does not apply) and keys keep the order below, so consumers and golden files can rely on both.
// Serialised through a source-generated context: no reflection, fit for NativeAOT.
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using UjailOverlay.Core.Diff;

namespace UjailOverlay.Cli.Commands.Diff;

internal static class DiffJsonRenderer
{
    public const string Schema = "ujail-diff/1";

    // Relaxed escaping: paths keep their characters ("ü", "'", "+") instead of \u escapes; control characters and
    // quotes are still escaped, so the output is valid JSON.
    private static readonly DiffJsonContext Context = new(new JsonSerializerOptions(DiffJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Render(DiffReport report, TextWriter output)
    {
        var document = new DiffDocument(Schema, report.State, report.Changes.Select(ToJson).ToArray(), ToJson(report.Stat));
        output.WriteLine(JsonSerializer.Serialize(document, Context.DiffDocument));
    }

    private static ChangeJson ToJson(Change c) => new(
        c.Path, ChangeText.Name(c.Kind),
        c.OldType is { } ot ? ChangeText.TypeName(ot) : null, c.NewType is { } nt ? ChangeText.TypeName(nt) : null,
        c.Fields, c.OldSize, c.NewSize,
        c.OldMode is { } om ? ChangeText.Octal(om) : null, c.NewMode is { } nm ? ChangeText.Octal(nm) : null,
        c.OldTarget, c.NewTarget, c.Drifted,
        c.OldUid, c.NewUid, c.OldGid, c.NewGid,
        c.OldMtime is { } oa ? ChangeText.Time(oa) : null, c.NewMtime is { } na ? ChangeText.Time(na) : null);

    private static StatJson ToJson(DiffStat s) => new(s.Added, s.Deleted, s.Modified, s.TypeChanged, s.MetadataOnly,
        s.Retargeted, s.Total, s.Drifted, s.BytesAdded, s.BytesRemoved, s.BytesChanged);
}

internal sealed record DiffDocument(string Schema, string State, IReadOnlyList<ChangeJson> Changes, StatJson Stat);

internal sealed record ChangeJson(
    string Path, string Kind, string? OldType, string? NewType, IReadOnlyList<string> Fields,
    long? OldSize, long? NewSize, string? OldMode, string? NewMode, string? OldTarget, string? NewTarget, bool Drifted,
    uint? OldUid, uint? NewUid, uint? OldGid, uint? NewGid, string? OldMtime, string? NewMtime);

internal sealed record StatJson(
    int Added, int Deleted, int Modified, int TypeChanged, int MetadataOnly, int Retargeted, int Total, int Drifted,
    long BytesAdded, long BytesRemoved, long BytesChanged);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DiffDocument))]
internal sealed partial class DiffJsonContext : JsonSerializerContext;
