package io.tunnelwatch.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.PeerKey;
import java.util.SplittableRandom;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

    private final RecentKeys keys = new RecentKeys();

    @Test
    void shouldShareOneKeyForTheSamePairWhicheverInstancesNameIt() {
        String device = "rtr-hq-1";
        String peer = "192.0.2.7";

        RecentKeys.PlacedKey first = keys.place(device, peer, 12);

        assertThat(first.utf8()).isEqualTo(new PeerKey(device, peer).utf8());
        assertThat(keys.place(device, peer, 12)).isSameAs(first);
        assertThat(keys.place(new String(device), new String(peer), 12)).isSameAs(first);
    }

    @Test
    void shouldPlaceKeysWhereKafkasOwnPartitionerDoesAndFollowAChangedCount() {
        byte[] utf8 = new PeerKey("rtr-hq-1", "192.0.2.7").utf8();

        RecentKeys.PlacedKey at12 = keys.place("rtr-hq-1", "192.0.2.7", 12);
        RecentKeys.PlacedKey at30 = keys.place("rtr-hq-1", "192.0.2.7", 30);

        // Kafka's documented placement of a keyed record: positive murmur2 of the key bytes modulo the count
        assertThat(at12.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(utf8)) % 12);
        assertThat(at30.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(utf8)) % 30);
        assertThat(at30.utf8()).isSameAs(at12.utf8());
    }

    @Test
    void shouldLeaveThePartitionToTheProducerWhileTheCountIsUnknown() {
        assertThat(keys.place("rtr-hq-1", "192.0.2.7", 0).partition()).isNull();
        assertThat(keys.place("rtr-hq-1", "192.0.2.7", 6).partition()).isNotNull();
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
            byte[] expected = new PeerKey(device, peer).utf8();
            RecentKeys.PlacedKey key = keys.place(device, peer, 12);
            assertThat(key.utf8()).isEqualTo(expected);
            assertThat(key.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(expected)) % 12);
        }
    }
}
