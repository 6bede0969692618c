package io.tunnelwatch.collector.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerAddressesTest {

    @Test
    void shouldTakeTheFastPathExactlyForTextThatIsAlreadyCanonical() {
        SplittableRandom random = new SplittableRandom(3);
        String[] pieces = {"0", "00", "01", "9", "10", "99", "100", "199", "255", "256", "300", "999", "1000", "",
            "a", " ", "-1"};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int parts = 3 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                if (p > 0) {
                    s.append(random.nextInt(20) == 0 ? ":" : ".");
                }
                s.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)]
                        : Integer.toString(random.nextInt(256)));
            }
            String text = s.toString();
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
            boolean canonical = bytes != null && bytes.length == 4 && NetUtil.bytesToIpAddress(bytes).equals(text);

            assertThat(PeerAddresses.isCanonicalIpv4(text)).as(text).isEqualTo(canonical);
        }
    }

    @Test
    void shouldRewriteNonCanonicalLiteralsAndRejectNonAddresses() {
        assertThat(PeerAddresses.canonical("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(PeerAddresses.canonical("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(PeerAddresses.canonical("192.0.2.256")).isNull();
        assertThat(PeerAddresses.canonical("1.2.3")).isNull();
        assertThat(PeerAddresses.canonical("rtr-1")).isNull();
    }
}
