// Source-generated System.Text.Json metadata for the `ujail syscalls --json` document, so serialization needs no
// reflection and survives NativeAOT trimming (System.Text.Json source generation docs). Enums are written by name.
using System.Text.Json.Serialization;

namespace UjailOverlay.Jail.Syscalls;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SyscallReportDocument))]
internal sealed partial class SyscallReportJsonContext : JsonSerializerContext;
