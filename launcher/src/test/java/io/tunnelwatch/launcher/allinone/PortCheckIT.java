package io.tunnelwatch.launcher.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.broker.PortProbe;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The port probe before a start: every port that cannot be used, each with its option, in one pass. */
class PortCheckIT {

    @Test
    void shouldFindNothingWhenEveryPortIsFree() {
        PortCheck check = new PortCheck().tcp("127.0.0.1", PortProbe.freePort(), "--http-port")
                .udp("127.0.0.1", PortProbe.freePort(), "--trap-port");

        assertThat(check.problems()).isEmpty();
    }

    @Test
    void shouldReportEveryBusyPortWithItsOptionNotOnlyTheFirst() throws Exception {
        try (ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int free = PortProbe.freePort();

            PortCheck check = new PortCheck().tcp("127.0.0.1", tcp.getLocalPort(), "--http-port")
                    .tcp("127.0.0.1", free, "--kafka-port")
                    .udp("127.0.0.1", udp.getLocalPort(), "--trap-port");

            assertThat(check.problems()).containsExactly(
                    "TCP port 127.0.0.1:" + tcp.getLocalPort() + " is already in use; choose another with --http-port",
                    "UDP port 127.0.0.1:" + udp.getLocalPort() + " is already in use; choose another with --trap-port");
        }
    }

    @Test
    void shouldCatchTwoListenersGivenTheSamePort() {
        int port = PortProbe.freePort();

        PortCheck check = new PortCheck().tcp("0.0.0.0", port, "--http-port")
                .udp("127.0.0.1", port, "--syslog-udp-port")
                .tcp("127.0.0.1", port, "--syslog-tcp-port");

        assertThat(check.problems()).containsExactly("TCP port " + port + " is given to both --http-port and"
                + " --syslog-tcp-port; choose another with one of them");
    }

    @Test
    void shouldSkipListenersThatAreOffOrOnAnyFreePort() {
        assertThat(new PortCheck().tcp("127.0.0.1", 0, "--http-port").udp("127.0.0.1", -1, "--trap-port")
                .problems()).isEmpty();
    }
}
