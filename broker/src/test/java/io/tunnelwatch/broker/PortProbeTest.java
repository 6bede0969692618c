package io.tunnelwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortProbeTest {

    @Test
    void shouldHandOutPortsBelowTheEphemeralRangeThatBindForTcpAndUdp() throws Exception {
        int port = PortProbe.freePort();

        assertThat(port).isBetween(20_000, 31_999);
        try (ServerSocket tcp = new ServerSocket();
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            tcp.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(tcp.getLocalPort()).isEqualTo(udp.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldNeverHandOutThePortTwiceInOneJvm() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(ports.add(PortProbe.freePort())).isTrue();
        }
    }
}
