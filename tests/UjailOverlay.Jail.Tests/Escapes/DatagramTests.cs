// sendto(2), sendmsg(2) and sendmmsg(2) with an AF_UNIX path: the kernel would look the path up on the host, so a
// datagram socket bound inside the jail (whose node is in the upper tree) could not be reached, and a host
// daemon's socket could, bypassing the refusal connect gets. The supervisor now sends such datagrams itself,
// with descriptors passed by SCM_RIGHTS still working. probe_dgram in its dynamic and raw (inline `syscall`)
// variants; as root and as uid 65534; the host must not change.
using System.Net.Sockets;
using System.Text;
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using Xunit;

namespace UjailOverlay.Jail.Tests.Escapes;

public sealed class DatagramTests
{
    public static TheoryData<bool, ProbeVariant, string> SendsInTheJail()
    {
        var data = new TheoryData<bool, ProbeVariant, string>();
        foreach (var unprivileged in new[] { false, true })
            foreach (var variant in new[] { ProbeVariant.Dynamic, ProbeVariant.Raw })
                foreach (var mode in new[] { "pair", "pair-msg", "mmsg" })
                    data.Add(unprivileged, variant, mode);
        return data;
    }

    [RootTheory]
    [MemberData(nameof(SendsInTheJail))]
    public void A_datagram_socket_bound_in_the_jail_is_reached_by_absolute_and_relative_path(bool unprivileged, ProbeVariant variant, string mode)
    {
        using var s = new Scratch(unprivileged, "dgram-" + mode);
        Expect.Succeeded(s.RunNative("mkdir", s.Host, s.Native), "mkdir of the trees");
        var probe = Probes.Executable("probe_dgram", variant);
        var native = s.RunNative(probe, mode, s.Native);
        Expect.Succeeded(native, "the native run");
        Assert.Contains("received", native.Stdout);
        Assert.DoesNotContain("received E", native.Stdout);
        var before = s.Snapshot();

        var jailed = s.Jailed(probe, mode, s.Host);
        Expect.Succeeded(jailed, "the jailed run");
        Assert.Equal(native.Stdout, jailed.Stdout);
        s.AssertHostUnchanged(before, jailed);
    }

    [RootTheory]
    [InlineData(false, ProbeVariant.Dynamic)]
    [InlineData(true, ProbeVariant.Raw)]
    public void A_descriptor_passed_with_SCM_RIGHTS_arrives_and_works(bool unprivileged, ProbeVariant variant)
    {
        using var s = new Scratch(unprivileged, "dgram-rights");
        var run = s.Jailed(Probes.Executable("probe_dgram", variant), "rights");
        Expect.Succeeded(run, "the jailed run");
        Assert.Equal("rights via-rights\n", run.Stdout);
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

        foreach (var (mode, call) in new[] { ("send", "sendto"), ("send-msg", "sendmsg") })
        {
            var refused = s.Jailed(probe, mode, path);
            Expect.Succeeded(refused, "the jailed " + call);
            Assert.Equal(call + " EACCES\n", refused.Stdout);
            Assert.False(daemon.Poll(300_000, SelectMode.SelectRead), $"THE HOST DAEMON GOT A DATAGRAM from the jail's {call}");

            var allowed = Ujail.Run(new[] { "run", "--state", s.State, "--allow-host-sockets", "--", probe, mode, path }, unprivileged);
            Expect.Succeeded(allowed, $"the jailed {call} with --allow-host-sockets");
            Assert.Equal(call + " 7\n", allowed.Stdout);
            Assert.True(daemon.Poll(5_000_000, SelectMode.SelectRead), $"the allowed {call} datagram did not arrive");
            var buffer = new byte[64];
            Assert.Equal("intrude", Encoding.UTF8.GetString(buffer, 0, daemon.Receive(buffer)));
        }
        s.AssertHostUnchanged(before);
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

    /// <summary>The supervisor first sends without blocking; a send that must wait moves to a worker thread: a
    /// datagram whose receiver's queue is full, and the rest of a stream write larger than the socket buffers.</summary>
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sends_that_must_wait_still_go_whole(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "dgram-blocking");
        const string script = """
            import socket, threading, time
            # A datagram send that finds the receiver's queue full waits for room.
            a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
            a.setblocking(False)
            n = 0
            try:
                while True:
                    a.sendmsg([b"d" * 1000]); n += 1
            except BlockingIOError:
                pass
            a.setblocking(True)
            def drain():
                time.sleep(0.3)
                for _ in range(n + 1): b.recv(2000)
            threading.Thread(target=drain).start()
            print("dgram waited", a.sendmsg([b"e" * 1000]), n > 0)
            # A stream send larger than the socket buffers goes whole, while the peer reads.
            c, d = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            got = []
            def reader():
                total = 0
                while total < 4_000_000:
                    chunk = d.recv(65536)
                    if not chunk: break
                    total += len(chunk)
                got.append(total)
            t = threading.Thread(target=reader); t.start()
            print("stream sent", c.sendmsg([b"s" * 4_000_000]))
            t.join(); print("stream received", got[0])
            """;
        var run = s.Jailed("/usr/bin/python3", "-c", script);
        Expect.Succeeded(run, "the jailed blocking sends");
        Assert.Equal("dgram waited 1000 True\nstream sent 4000000\nstream received 4000000\n", run.Stdout);
    }
}
