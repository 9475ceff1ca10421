// How the `state` verbs read a state directory: opened read-only (no lock: a run may be going on), then its
// summary, its run history and its operation journal. The real reader (Composition/StateReader) wraps
// StateDirectory; tests supply canned records.
using UjailOverlay.State;

namespace UjailOverlay.Cli.Commands.State;

public interface IStateReader
{
    /// <summary>Opens the state at stateDir read-only; throws StateException (mapped by the ErrorReporter).</summary>
    IOpenedState Open(string stateDir);
}

public interface IOpenedState : IDisposable
{
    /// <summary>The state directory's absolute path.</summary>
    string Path { get; }

    StateInfo Info();

    /// <summary>Every run, oldest first.</summary>
    IReadOnlyList<RunRecord> Runs();

    /// <summary>Journal rows with seq above afterSeq, oldest first, read lazily.</summary>
    IEnumerable<JournalRow> Journal(long afterSeq);
}
