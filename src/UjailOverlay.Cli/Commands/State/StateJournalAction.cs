// `ujail state journal`: the operation journal, oldest first, optionally only rows after --after SEQ (so a
// script can follow it: remember the last seq, ask again). Columns: seq, time (UTC, microseconds), pid, program,
// syscall, result (-ERRNO on failure), path (and "-> path2" for two-path calls). JSON (ujail-state-journal/1) is
// written row by row, so a long journal is never held in memory as one document.
using System.Buffers;
using System.Text;
using System.Text.Json;
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Commands.State;

internal sealed class StateJournalAction(CliContext context)
{
    private const int FlushEvery = 64 * 1024;

    public int Run(string stateDir, long afterSeq, bool json)
    {
        using var state = context.Services.StateReader().Open(stateDir);
        if (json) WriteJson(state, afterSeq, context.Console.Out);
        else WriteTable(state, afterSeq);
        return (int)ExitCode.Success;
    }

    private void WriteTable(IOpenedState state, long afterSeq)
    {
        var table = new TextTable()
            .Column("seq", right: true).Column("time").Column("pid", right: true).Column("program")
            .Column("syscall").Column("result", right: true).Column("path");
        foreach (var (seq, e) in state.Journal(afterSeq))
        {
            var path = ChangeText.DisplayPath(e.Path) + (e.Path2 is { } p2 ? " -> " + ChangeText.DisplayPath(p2) : "");
            table.Row(StateText.Number(seq), StateText.PreciseTime(e.Time), StateText.Number(e.Pid), e.Exe ?? "-",
                e.Syscall, StateText.Result(e.Result), path);
        }
        if (table.Count > 0) table.Render(context.Console);
    }

    private static void WriteJson(IOpenedState state, long afterSeq, TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = StateJson.Encoder });
        writer.WriteStartObject();
        writer.WriteString("schema", "ujail-state-journal/1");
        writer.WriteString("state", state.Path);
        writer.WriteStartArray("entries");
        foreach (var (seq, e) in state.Journal(afterSeq))
        {
            JsonSerializer.Serialize(writer, new JournalJson(seq, StateText.Rfc3339(e.Time), e.Pid, e.Exe, e.Argv,
                e.Syscall, e.Path, e.Path2, e.Result), StateJson.Context.JournalJson);
            if (buffer.WrittenCount >= FlushEvery) Drain(writer, buffer, output);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        Drain(writer, buffer, output);
        output.WriteLine();
    }

    private static void Drain(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, TextWriter output)
    {
        writer.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }
}
