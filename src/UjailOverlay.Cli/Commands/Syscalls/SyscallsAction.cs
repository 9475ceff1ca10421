// `ujail syscalls`: the syscall table as SyscallReport gives it, filtered by family and support level: number,
// name, family, support, errno (for denied calls) and note; then one line of counts per support level. A table on
// a terminal, aligned text otherwise; --json is SyscallReport.ToJson of the filtered entries. Reads only the
// table compiled into ujail: nothing on the host.
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Cli.Commands.Syscalls;

internal sealed class SyscallsAction(CliContext context)
{
    public int Run(SyscallFamily? family, SupportLevel? support, bool json)
    {
        var entries = SyscallTable.All
            .Where(e => family is null || e.Family == family)
            .Where(e => support is null || e.Support == support)
            .ToList();
        var output = context.Console.Out;
        if (json)
        {
            output.WriteLine(SyscallReport.ToJson(entries));
            return (int)ExitCode.Success;
        }

        var table = new TextTable()
            .Column("nr", right: true).Column("name").Column("family").Column("support").Column("errno").Column("note");
        foreach (var row in SyscallReport.Rows(entries))
            table.Row(row.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Name, row.Family.ToString(),
                row.Support.ToString(), row.Errno, row.Rules.Length == 0 ? row.Note : $"{row.Note} [rules: {row.Rules}]");
        if (table.Count > 0) table.Render(context.Console);
        output.WriteLine(Summary(SyscallReport.Counts(entries)));
        return (int)ExitCode.Success;
    }

    public static string Summary(SyscallSupportCounts c) =>
        $"{c.Total} syscalls: {c.PassedThrough} passed through, {c.Emulated} emulated, {c.Traced} traced, " +
        $"{c.Denied} denied, {c.Conditional} conditional";
}
