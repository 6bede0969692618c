package io.tunnelwatch.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FleetTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldGiveTheDemoFleetTwentyRoutersOfFivePeersInPairs() {
        Fleet fleet = Fleet.create(20, 5, clock, 1);

        assertThat(fleet.routers()).hasSize(20);
        assertThat(fleet.tunnelEnds()).isEqualTo(100);
        for (SimulatedRouter r : fleet.routers()) {
            assertThat(r.peers()).hasSize(5).doesNotHaveDuplicates().doesNotContain(r.address());
            for (String peer : r.peers()) {
                SimulatedRouter other = fleet.routers().stream().filter(o -> o.address().equals(peer))
                        .findFirst().orElseThrow();
                assertThat(other.peers()).as("the far end of %s -> %s", r.address(), peer).contains(r.address());
            }
        }
        assertThat(fleet.routers()).extracting(SimulatedRouter::style).containsAll(
                java.util.List.of(HeaderStyle.values()));
    }

    @Test
    void shouldRefuseAFleetWhoseTunnelsCannotPairUp() {
        assertThatThrownBy(() -> Fleet.create(5, 3, clock, 1)).hasMessageContaining("even number of routers");
        assertThatThrownBy(() -> Fleet.create(3, 3, clock, 1)).hasMessageContaining("0..2");
    }

    @Test
    void shouldSendALoadFleetFromItsOwnNetworkUnderItsOwnNames() {
        Fleet fleet = Fleet.create(4, 2, clock, 1, "127.0.2");

        assertThat(fleet.routers()).extracting(SimulatedRouter::address)
                .containsExactly("127.0.2.1", "127.0.2.2", "127.0.2.3", "127.0.2.4");
        assertThat(fleet.routers()).extracting(SimulatedRouter::name)
                .containsExactly("load-127-0-2-01", "load-127-0-2-02", "load-127-0-2-03", "load-127-0-2-04");
        assertThat(fleet.routers()).flatExtracting(SimulatedRouter::peers).allMatch(p -> p.startsWith("127.0.2."));
        assertThat(Fleet.create(4, 2, clock, 1, Fleet.DEFAULT_NETWORK).routers()).extracting(SimulatedRouter::name)
                .containsExactly("rtr-01", "rtr-02", "rtr-03", "rtr-04");
    }

    @Test
    void shouldRefuseANetworkThatIsNotThreeOctets() {
        assertThatThrownBy(() -> Fleet.create(4, 2, clock, 1, "127.0")).hasMessageContaining("three octets");
        assertThatThrownBy(() -> Fleet.create(4, 2, clock, 1, "127.0.256")).hasMessageContaining("three octets");
    }
}
