// The JSON documents of the `state` verbs (schemas ujail-state-info/1, ujail-state-history/1,
// ujail-state-journal/1, documented in docs/cli.md). Every key is always present (null when it does not apply)
// and keeps the order below. Source-generated, so no reflection (NativeAOT-safe).
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UjailOverlay.Cli.Commands.State;

internal static class StateJson
{
    /// <summary>Relaxed escaping: paths and commands keep their characters; quotes and controls are escaped.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static StateJsonContext Context { get; } = new(new JsonSerializerOptions(StateJsonContext.Default.Options)
    {
        Encoder = Encoder,
    });
}

internal sealed record StateInfoDocument(
    string Schema, string State, int SchemaVersion, string Created, long Inodes, long Dentries, long Whiteouts,
    long JournalRows, long Runs, long UpperBytes);

internal sealed record StateHistoryDocument(string Schema, string State, IReadOnlyList<RunJson> Runs);

internal sealed record RunJson(
    long Id, IReadOnlyList<string> Command, string Cwd, string User, uint Uid, string Start, string? End,
    int? ExitStatus, long InterceptedCalls, long Changes);

internal sealed record JournalJson(
    long Seq, string Time, int Pid, string? Exe, string? Argv, string Syscall, string Path, string? Path2, int Result);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StateInfoDocument))]
[JsonSerializable(typeof(StateHistoryDocument))]
[JsonSerializable(typeof(JournalJson))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
