// `ujail state info`: one "key  value" line per fact (schema version, creation time, counts, upper tree size),
// or the same as JSON (ujail-state-info/1).
using System.Globalization;
using System.Text.Json;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.State;

internal sealed class StateInfoAction(CliContext context)
{
    public int Run(string stateDir, bool json)
    {
        using var state = context.Services.StateReader().Open(stateDir);
        var info = state.Info();
        var output = context.Console.Out;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new StateInfoDocument(
                "ujail-state-info/1", state.Path, info.SchemaVersion, StateText.Rfc3339(info.Created), info.Inodes,
                info.Dentries, info.Whiteouts, info.JournalRows, info.Runs, info.UpperBytes), StateJson.Context.StateInfoDocument));
            return (int)ExitCode.Success;
        }
        var lines = new (string Key, string Value)[]
        {
            ("state", state.Path),
            ("schema", StateText.Number(info.SchemaVersion)),
            ("created", StateText.Time(info.Created)),
            ("inodes", StateText.Number(info.Inodes)),
            ("dentries", StateText.Number(info.Dentries)),
            ("whiteouts", StateText.Number(info.Whiteouts)),
            ("journal rows", StateText.Number(info.JournalRows)),
            ("runs", StateText.Number(info.Runs)),
            ("upper size", info.UpperBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes"),
        };
        var width = lines.Max(l => l.Key.Length) + 2;
        foreach (var (key, value) in lines) output.WriteLine(key.PadRight(width) + value);
        return (int)ExitCode.Success;
    }
}
