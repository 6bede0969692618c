package io.tunnelwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static final SoakAlerts HEALED = new SoakAlerts(12, List.of(), List.of(), 0);

    private static List<SoakSample> run(long lastHeapMb, long lastRssMb, int lastFds) {
        List<SoakSample> samples = new ArrayList<>();
        for (int s = 0; s <= 1800; s += 10) {
            boolean late = s >= 1500;
            long heap = (s % 60 == 0 ? 100 : 300) + (late ? lastHeapMb - 100 : 0);
            // the heap committed grows by 100 MB late in the run: G1 expanding, not a leak
            samples.add(new SoakSample(Duration.ofSeconds(s), heap << 20, (late ? 600L : 500L) << 20,
                    (late ? lastRssMb : 800) << 20, late ? lastFds : 200, 60));
        }
        return samples;
    }

    @Test
    void aFlatRunThatHealedPasses() {
        SoakVerdict verdict = SoakVerdict.judge(run(110, 920, 203), Duration.ofMinutes(5), Duration.ofMinutes(5),
                HEALED);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.summaryLine(30)).startsWith("soak PASS minutes=30 heap_floor_mb=100->110 rss_mb=800->920"
                + " rss_beyond_heap_mb=300->320 fds=200->203 threads=60->60 alerts_opened=12 left_open=0 doubled=0");
    }

    @Test
    void aGrowingHeapFloorOrLeakedDescriptorsOrNativeMemoryFail() {
        assertThat(SoakVerdict.judge(run(100, 950, 200), Duration.ofMinutes(5), Duration.ofMinutes(5), HEALED)
                .failures()).containsExactly("resident set beyond the committed heap grew more than 10 %");
        assertThat(SoakVerdict.judge(run(130, 800, 200), Duration.ofMinutes(5), Duration.ofMinutes(5), HEALED)
                .failures()).containsExactly("heap floor grew more than 20 %");
        assertThat(SoakVerdict.judge(run(100, 800, 260), Duration.ofMinutes(5), Duration.ofMinutes(5), HEALED)
                .failures()).containsExactly("file descriptors grew by more than 5");
    }

    @Test
    void anAlertLeftOpenOrGivenTwiceFailsWhateverTheMemoryDid() {
        SoakAlerts bad = new SoakAlerts(9, List.of("rtr-01 127.0.1.2 DecapsStalled"),
                List.of("rtr-03 127.0.1.4 IkeNegotiationStuck"), 0);
        assertThat(SoakVerdict.judge(run(100, 800, 200), Duration.ofMinutes(5), Duration.ofMinutes(5), bad)
                .summaryLine(30)).startsWith("soak FAIL").contains("alerts left open: [rtr-01 127.0.1.2 DecapsStalled]")
                .contains("opened or resolved twice: [rtr-03 127.0.1.4 IkeNegotiationStuck]");
    }
}
