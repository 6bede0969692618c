package io.tunnelwatch.collector.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The poll's view of tunnel interfaces, as syslog lines about a tunnel read it: by interface name. */
class TunnelIndexTest {

    private final TunnelIndex index = new TunnelIndex();

    @Test
    void shouldFindTheRemoteEndpointOfATunnelByAnyIosSpellingOfItsName() {
        index.update("rtr-1", Map.of(), Map.of(), List.of(new TunnelInterface(7, "Tunnel7", true, "198.51.100.7"),
                new TunnelInterface(8, "Tunnel8", true, null)));

        assertThat(index.remoteOf("rtr-1", "Tunnel7")).isEqualTo("198.51.100.7");
        assertThat(index.remoteOf("rtr-1", "Tu7")).isEqualTo("198.51.100.7");
        assertThat(index.remoteOf("rtr-1", "Tunnel8")).as("TUNNEL-MIB not filled").isNull();
        assertThat(index.remoteOf("rtr-1", "Tunnel9")).isNull();
        assertThat(index.remoteOf("rtr-2", "Tunnel7")).as("another device").isNull();
        assertThat(index.remoteOf("rtr-1", "GigabitEthernet1")).isNull();
    }
}
