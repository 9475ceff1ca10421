// Runs `ujail` in process against a test console and the given services; the result carries the exit code and
// both streams (stdout also as bytes, for `cat`).
using UjailOverlay.Cli;
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Tests.Fakes;

namespace UjailOverlay.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public byte[] OutBytes { get; init; } = [];
}

internal static class CliRun
{
    public static CliResult Run(CliServices services, bool terminal, params string[] args)
    {
        var console = new TestConsole(terminal);
        var code = CliApp.Run(args, console, services);
        return new CliResult(code, console.Output, console.Errors) { OutBytes = console.OutputBytes };
    }

    public static CliResult Run(CliServices services, params string[] args) => Run(services, false, args);

    public static CliResult Run(params string[] args) => Run(new CliServices(), false, args);

    public static CliServices With(FakeState state, string name = "/var/lib/ujail/demo") =>
        new() { DiffSource = () => new FakeDiffSource(name, state) };

    /// <summary>Services whose merged view (ls, cat, stat) is the given fake state, read-only.</summary>
    public static CliServices WithView(FakeState state, string name = "/var/lib/ujail/demo") =>
        new() { MergedView = () => new FakeMergedView(name, state) };
}

/// <summary>Serves one FakeState under one name; other names are "not found", as a real source would say.</summary>
internal sealed class FakeDiffSource(string name, FakeState state) : IDiffSource
{
    public int Opened { get; private set; }
    public int Released { get; private set; }

    public DiffInput Open(string stateDir)
    {
        if (stateDir != name) throw new CliException(ExitCode.StateNotFound, $"{stateDir}: no such state directory");
        Opened++;
        return new DiffInput(state.Image, state.Lower, state.Upper, new Lease(() => Released++));
    }
}

/// <summary>The merged view of one FakeState, built as Composition/MergedView builds the real one: an OverlayFs
/// whose sink and upper tree refuse every change.</summary>
internal sealed class FakeMergedView(string name, FakeState state) : IMergedView
{
    public int Opened { get; private set; }
    public int Released { get; private set; }

    public OpenedView Open(string stateDir)
    {
        if (stateDir != name) throw new CliException(ExitCode.StateNotFound, $"{stateDir}: no such state directory");
        Opened++;
        var overlay = new OverlayFs(state.Lower, new ReadOnlyUpperTree(state.Upper), ReadOnlySink.Instance, state.Image);
        return new OpenedView(overlay, new Lease(() => Released++));
    }
}

internal sealed class Lease(Action onDispose) : IDisposable
{
    public void Dispose() => onDispose();
}
