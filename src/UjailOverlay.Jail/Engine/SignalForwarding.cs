// Signals sent to ujail while it runs a command: SIGTERM and SIGHUP are passed on to the jailed command (as a
// shell passes them to its foreground job); SIGINT and SIGQUIT are ignored by ujail itself, since the terminal
// already delivers them to the whole foreground process group, jailed command included.
using System.Runtime.InteropServices;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class SignalForwarding : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = new();

    public static SignalForwarding Start(int pid)
    {
        var f = new SignalForwarding();
        f.Forward(PosixSignal.SIGTERM, 15, pid);
        f.Forward(PosixSignal.SIGHUP, 1, pid);
        f._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true));
        f._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true));
        return f;
    }

    private void Forward(PosixSignal signal, int number, int pid) =>
        _registrations.Add(PosixSignalRegistration.Create(signal, c => { c.Cancel = true; Libc.kill(pid, number); }));

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
