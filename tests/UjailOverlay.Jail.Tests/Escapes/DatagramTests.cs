// sendto(2) with an AF_UNIX path: the kernel would look the path up on the host, so a datagram socket bound inside
// the jail (whose node is in the upper tree) could not be reached, and a host daemon's socket could, bypassing
// the refusal connect gets. The supervisor now sends such datagrams itself. probe_dgram in its dynamic and raw
// (inline `syscall`) variants; as root and as uid 65534; the host must not change.
using System.Net.Sockets;
using System.Text;
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Escapes;

public sealed class DatagramTests
{
    [RootTheory]
    [InlineData(false, ProbeVariant.Dynamic)]
    [InlineData(true, ProbeVariant.Dynamic)]
    [InlineData(false, ProbeVariant.Raw)]
    [InlineData(true, ProbeVariant.Raw)]
    public void A_datagram_socket_bound_in_the_jail_is_reached_by_absolute_and_relative_path(bool unprivileged, ProbeVariant variant)
    {
        using var s = new Scratch(unprivileged, "dgram-pair");
        Expect.Succeeded(s.RunNative("mkdir", s.Host, s.Native), "mkdir of the trees");
        var probe = Probes.Executable("probe_dgram", variant);
        var native = s.RunNative(probe, "pair", s.Native);
        Expect.Succeeded(native, "the native run");
        Assert.Equal("sendto 4\nreceived ping\nsendto 4\nreceived pong\n", native.Stdout);
        var before = s.Snapshot();

        var jailed = s.Jailed(probe, "pair", s.Host);
        Expect.Succeeded(jailed, "the jailed run");
        Assert.Equal(native.Stdout, jailed.Stdout);
        s.AssertHostUnchanged(before, jailed);
    }

    [RootTheory]
    [InlineData(false, ProbeVariant.Dynamic)]
    [InlineData(true, ProbeVariant.Dynamic)]
    [InlineData(false, ProbeVariant.Raw)]
    [InlineData(true, ProbeVariant.Raw)]
    public void A_host_daemons_datagram_socket_is_out_of_reach_unless_host_sockets_are_allowed(bool unprivileged, ProbeVariant variant)
    {
        using var s = new Scratch(unprivileged, "dgram-daemon");
        Expect.Succeeded(s.RunNative("mkdir", s.Host), "mkdir of the host dir");
        var path = Path.Combine(s.Host, "daemon.sock");
        using var daemon = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        daemon.Bind(new UnixDomainSocketEndPoint(path));
        Probes.Chmod("0777", path); // any user may write to it: only the jail stands in the way
        var probe = Probes.Executable("probe_dgram", variant);
        var before = s.Snapshot();

        var refused = s.Jailed(probe, "send", path);
        Expect.Succeeded(refused, "the jailed send");
        Assert.Equal("sendto EACCES\n", refused.Stdout);
        Assert.False(daemon.Poll(300_000, SelectMode.SelectRead), "THE HOST DAEMON GOT A DATAGRAM from the jail");

        var allowed = Ujail.Run(new[] { "run", "--state", s.State, "--allow-host-sockets", "--", probe, "send", path }, unprivileged);
        Expect.Succeeded(allowed, "the jailed send with --allow-host-sockets");
        Assert.Equal("sendto 7\n", allowed.Stdout);
        Assert.True(daemon.Poll(5_000_000, SelectMode.SelectRead), "the allowed datagram did not arrive");
        var buffer = new byte[64];
        Assert.Equal("intrude", Encoding.UTF8.GetString(buffer, 0, daemon.Receive(buffer)));
        s.AssertHostUnchanged(before, allowed);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_udp_datagram_sent_with_an_address_still_arrives(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "dgram-udp");
        const string script = """
            import socket
            r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 0)); r.settimeout(10)
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            print("sent", s.sendto(b"hello udp", r.getsockname()))
            print("got", r.recv(64).decode())
            """;
        var run = s.Jailed("/usr/bin/python3", "-c", script);
        Expect.Succeeded(run, "the jailed UDP round trip");
        Assert.Equal("sent 9\ngot hello udp\n", run.Stdout);
    }
}
