// Why a state directory could not be opened. Every message is one line that names the path; the CLI maps
// Kind to an exit code. Opening never modifies a directory it then refuses with one of these.
namespace UjailOverlay.State;

public enum StateErrorKind
{
    /// <summary>Nothing at the path, or an empty directory, and the access does not create.</summary>
    NotFound,

    /// <summary>Something foreign: a file, or a directory that is not empty and has no ujail-state marker.</summary>
    NotAStateDir,

    /// <summary>The marker is there but the marker text or the index is unreadable, inconsistent or not SQLite.</summary>
    Corrupt,

    /// <summary>The marker's format major or the index's user_version is above what this build knows.</summary>
    NewerVersion,

    /// <summary>Permissions or I/O (including a path through a non-directory).</summary>
    Unreadable,

    /// <summary>Another writer holds the lock, and no wait was asked for or the wait timed out.</summary>
    Locked,
}

public sealed class StateException : Exception
{
    public StateException(StateErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public StateErrorKind Kind { get; }

    internal static StateException At(StateErrorKind kind, string path, string reason, Exception? inner = null) =>
        new(kind, $"state directory {path}: {OneLine(reason)}", inner);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
