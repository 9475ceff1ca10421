// How a state directory is opened.
namespace UjailOverlay.State;

public enum StateAccess
{
    /// <summary>Reads only: no lock taken, nothing written; works while a writer holds the directory.</summary>
    ReadOnly,

    /// <summary>Takes the writer lock; the directory must already be a state directory.</summary>
    ReadWrite,

    /// <summary>As ReadWrite, but a missing or empty directory is first given the layout.</summary>
    CreateOrOpen,
}
