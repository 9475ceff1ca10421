// Coarse grouping of syscalls for the `ujail syscalls` report and for sorting handlers by family
// (src/UjailOverlay.Jail/Handlers/<Family>). A family never changes how a call is filtered; SupportLevel does.
namespace UjailOverlay.Jail.Syscalls;

public enum SyscallFamily
{
    File,
    Directory,
    Metadata,
    Xattr,
    Exec,
    Process,
    Memory,
    Signal,
    Socket,
    Ipc,
    Time,
    Mount,
    Namespace,
    Module,
    System,
    Io,
    Other,
}
