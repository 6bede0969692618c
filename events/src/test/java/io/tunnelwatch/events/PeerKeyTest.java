package io.tunnelwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerKeyTest {

    @Test
    void shouldRoundTripThroughTheWireForm() {
        PeerKey key = new PeerKey("rtr-hq-1", "2001:db8::7");

        assertThat(key.encoded()).isEqualTo("rtr-hq-1|2001:db8::7");
        assertThat(PeerKey.parse(key.encoded())).isEqualTo(key);
    }

    @Test
    void shouldEncodeAsciiAndNonAsciiKeysAsTheUtf8OfTheWireForm() {
        for (PeerKey key : new PeerKey[] {new PeerKey("rtr-hq-1", "192.0.2.7"), PeerKey.deviceWide("r"),
            new PeerKey("zürich-gw", "2001:db8::7"), new PeerKey("rtr-1", "пир"), new PeerKey("東京", "x\u007f")}) {
            assertThat(key.utf8()).isEqualTo(key.encoded().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldBeEqualExactlyWhenDeviceAndPeerAre() {
        PeerKey key = new PeerKey("rtr-hq-1", "192.0.2.7");
        PeerKey same = PeerKey.parse(new String("rtr-hq-1|192.0.2.7".toCharArray()));
        assertThat(same).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(key).isNotEqualTo(new PeerKey("rtr-hq-2", "192.0.2.7"))
                .isNotEqualTo(new PeerKey("rtr-hq-1", "192.0.2.8"))
                .isNotEqualTo(new PeerKey("192.0.2.7", "rtr-hq-1"))
                .isNotEqualTo("rtr-hq-1|192.0.2.7")
                .isNotEqualTo(null);
    }

    @Test
    void shouldMarkDeviceWideKeys() {
        assertThat(PeerKey.deviceWide("rtr-1").encoded()).isEqualTo("rtr-1|*");
        assertThat(PeerKey.parse("rtr-1|*").isDeviceWide()).isTrue();
        assertThat(PeerKey.parse("rtr-1|192.0.2.7").isDeviceWide()).isFalse();
    }

    @Test
    void shouldRejectMalformedKeysWithTheReason() {
        assertThatThrownBy(() -> PeerKey.parse("no-separator")).hasMessageContaining("no-separator");
        assertThatThrownBy(() -> PeerKey.parse("|192.0.2.7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerKey.parse("rtr|")).isInstanceOf(IllegalArgumentException.class);
    }
}
