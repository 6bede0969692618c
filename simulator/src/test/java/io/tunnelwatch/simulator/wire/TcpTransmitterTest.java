package io.tunnelwatch.simulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.simulator.message.CryptoMessages;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Over TCP every router has its own connection, from its own address, open before its first line. */
class TcpTransmitterTest {

    @Test
    void shouldConnectEveryRouterBeforeItsFirstLineAndSendItOverThatConnection() throws Exception {
        List<SimulatedRouter> routers = Fleet.create(3, 2, Clock.systemUTC(), 1).routers();
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             TcpTransmitter transmitter = new TcpTransmitter(
                     new InetSocketAddress("127.0.0.1", collector.getLocalPort()))) {
            collector.setSoTimeout(10_000);

            transmitter.open(routers);

            Map<String, Socket> accepted = new HashMap<>();
            for (int i = 0; i < routers.size(); i++) {
                Socket s = collector.accept();
                s.setSoTimeout(10_000);
                accepted.put(s.getInetAddress().getHostAddress(), s);
            }
            assertThat(accepted).containsOnlyKeys(routers.stream().map(SimulatedRouter::address).toList());

            SimulatedRouter second = routers.get(1);
            String line = second.line(CryptoMessages.sessionStatus(false, true, "198.51.100.7", 500));
            assertThat(transmitter.send(second, line)).isTrue();
            transmitter.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    accepted.get(second.address()).getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).isEqualTo(line);
            }
            for (Socket s : accepted.values()) {
                s.close();
            }
        }
    }
}
