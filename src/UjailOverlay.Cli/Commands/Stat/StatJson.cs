// `ujail stat --json`: schema "ujail-stat/1", documented in docs/cli.md. Every key is always present (null when
// it does not apply) and keeps the order below. Types, modes and times are spelled as in `diff --json`.
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.Stat;

internal static class StatJson
{
    public const string Schema = "ujail-stat/1";

    private static readonly StatJsonContext Context = new(new JsonSerializerOptions(StatJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Render(string path, NodeStat st, string? target, TextWriter output)
    {
        var device = NodeText.IsDevice(st.Type);
        var document = new StatDocument(
            Schema, path, ChangeText.TypeName(st.Type), NodeText.Octal(st.Mode), NodeText.ModeString(st.Mode),
            st.Size, st.Blocks, st.BlockSize, st.Dev, st.Ino, st.Nlink, st.Uid, st.Gid,
            device ? st.Rdev : null, device ? NodeText.Device(st.Rdev) : null, target,
            NodeText.Rfc3339(st.Atime), NodeText.Rfc3339(st.Mtime), NodeText.Rfc3339(st.Ctime));
        output.WriteLine(JsonSerializer.Serialize(document, Context.StatDocument));
    }
}

internal sealed record StatDocument(
    string Schema, string Path, string Type, string Mode, string ModeString,
    long Size, long Blocks, int BlockSize, ulong Dev, ulong Ino, uint Nlink, uint Uid, uint Gid,
    ulong? Rdev, string? Device, string? Target,
    string Atime, string Mtime, string Ctime);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatDocument))]
internal sealed partial class StatJsonContext : JsonSerializerContext;
