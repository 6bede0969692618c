package io.tunnelwatch.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.PeerKey;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

    private final RecentKeys keys = new RecentKeys();

    @Test
    void shouldShareOneKeyForTheSamePairWhicheverInstancesNameIt() {
        String device = "rtr-hq-1";
        String peer = "192.0.2.7";

        byte[] first = keys.utf8(device, peer);

        assertThat(first).isEqualTo(new PeerKey(device, peer).utf8());
        assertThat(keys.utf8(device, peer)).isSameAs(first);
        assertThat(keys.utf8(new String(device), new String(peer))).isSameAs(first);
    }

    /** Far more device/peer pairs than slots, drawn again and again: every answer is still that pair's key. */
    @Test
    void shouldAlwaysAnswerThePairsOwnKeyWhateverCollides() {
        SplittableRandom random = new SplittableRandom(23);
        String[] devices = new String[40];
        String[] peers = new String[600];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = i % 5 == 0 ? "zürich-" + i : "rtr-" + i;
        }
        for (int i = 0; i < peers.length; i++) {
            peers[i] = "10.1." + (i / 256) + "." + (i % 256);
        }
        for (int i = 0; i < 200_000; i++) {
            String device = devices[random.nextInt(devices.length)];
            String peer = peers[random.nextInt(peers.length)];
            assertThat(keys.utf8(device, peer)).isEqualTo(new PeerKey(device, peer).utf8());
        }
    }
}
