package io.tunnelwatch.streams.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The well-known strings are part of layouts 2 and 3 and of the timeline section: an entry changed, moved or added
 * would misread stored records.
 */
class WellKnownStringsTest {

    /** The hash of the list as layout 2 was released with it (2026-12-05). */
    private static final int HASH = -977769771;

    @Test
    void shouldStayAsLayoutTwoWasReleased() {
        assertThat(WellKnownStrings.LIST).hasSize(86).startsWith("UNKNOWN", "DOWN", "IKE_NEGOTIATING")
                .endsWith("BGP-5-ADJCHANGE", "DUAL-5-NBRCHANGE");
        assertThat(String.join("\n", WellKnownStrings.LIST).hashCode())
                .as("a change to the list needs a new layout (PeerStateCodec), not an edit").isEqualTo(HASH);
    }

    @Test
    void shouldFindEveryEntryByContentAndNothingElse() {
        for (int i = 0; i < WellKnownStrings.LIST.size(); i++) {
            String copy = new String(WellKnownStrings.LIST.get(i).toCharArray());
            assertThat(WellKnownStrings.indexOf(copy)).as(copy).isEqualTo(i);
        }
        for (String other : new String[] {"", "U", "Up", "up", "uP", "rtr-hq-1", "198.51.100.7", "Tunnel7",
            "GigabitEthernet0/0/1", "VPN-TO-RTR-A", "IPSEC_UP ", "CRYPTO-5-SESSION_STATUS".repeat(2)}) {
            assertThat(WellKnownStrings.indexOf(other)).as(other).isEqualTo(-1);
        }
    }
}
