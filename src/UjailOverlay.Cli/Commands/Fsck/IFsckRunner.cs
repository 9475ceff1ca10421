// How `ujail fsck` reaches State's Fsck: the real runner (Composition/HostFsck) passes a HostUpperTree so the
// hard-link check runs; tests supply canned reports.
using UjailOverlay.State;

namespace UjailOverlay.Cli.Commands.Fsck;

public interface IFsckRunner
{
    /// <summary>Checks (and with repair, repairs) the state at stateDir. Throws StateException when there is no
    /// state to check (NotFound, Unreadable, a file) or, with repair, when another writer holds the lock.</summary>
    FsckReport Run(string stateDir, bool repair);
}
