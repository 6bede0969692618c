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
}
