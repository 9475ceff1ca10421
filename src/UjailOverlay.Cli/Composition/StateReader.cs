// The real reader of the `state` verbs: StateDirectory opened ReadOnly (no lock, so it works beside a live run).
using UjailOverlay.Cli.Commands.State;
using UjailOverlay.State;

namespace UjailOverlay.Cli.Composition;

internal sealed class StateReader : IStateReader
{
    public IOpenedState Open(string stateDir) => new Opened(StateDirectory.Open(stateDir, StateAccess.ReadOnly));

    private sealed class Opened(StateDirectory state) : IOpenedState
    {
        public string Path => state.Path;

        public StateInfo Info() => state.Info();

        public IReadOnlyList<RunRecord> Runs() => state.History.All();

        public IEnumerable<JournalRow> Journal(long afterSeq) => state.Journal(afterSeq);

        public void Dispose() => state.Dispose();
    }
}
