// `ujail state history`: one row per run, oldest first: id, start, end ("-" while running or when the tracer
// was killed), exit status, intercepted calls, changes, and the command (quoted for sh). A table on a terminal;
// aligned text otherwise; or JSON (ujail-state-history/1).
using System.Text.Json;
using UjailOverlay.Cli.Infrastructure;

namespace UjailOverlay.Cli.Commands.State;

internal sealed class StateHistoryAction(CliContext context)
{
    public int Run(string stateDir, bool json)
    {
        using var state = context.Services.StateReader().Open(stateDir);
        var runs = state.Runs();
        if (json)
        {
            var document = new StateHistoryDocument("ujail-state-history/1", state.Path, runs.Select(r => new RunJson(
                r.Id, r.Command, r.Cwd, r.User, r.Uid, StateText.Rfc3339(r.Start), r.End is { } e ? StateText.Rfc3339(e) : null,
                r.ExitStatus, r.Counts.InterceptedCalls, r.Counts.Changes)).ToArray());
            context.Console.Out.WriteLine(JsonSerializer.Serialize(document, StateJson.Context.StateHistoryDocument));
            return (int)ExitCode.Success;
        }
        var table = new TextTable()
            .Column("id", right: true).Column("start").Column("end").Column("exit", right: true)
            .Column("calls", right: true).Column("changes", right: true).Column("command");
        foreach (var r in runs)
            table.Row(StateText.Number(r.Id), StateText.Time(r.Start), r.End is { } end ? StateText.Time(end) : "-",
                r.ExitStatus is { } exit ? StateText.Number(exit) : "-",
                StateText.Number(r.Counts.InterceptedCalls), StateText.Number(r.Counts.Changes), StateText.Command(r.Command));
        if (table.Count > 0) table.Render(context.Console);
        return (int)ExitCode.Success;
    }
}
