package io.tunnelwatch.streams.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A finding's evidence lines are built on first read, once, and cannot be changed afterwards. */
class FindingTest {

    @Test
    void shouldBuildDeferredLinesOnlyWhenReadAndOnlyOnce() {
        AtomicInteger built = new AtomicInteger();
        Finding f = Finding.withLinesLater(AlertType.PEER_UNREACHABLE, "down", () -> {
            built.incrementAndGet();
            return List.of("2026-12-05T10:00:00Z CRYPTO-5-SESSION_STATUS Crypto tunnel is DOWN", "second");
        });

        assertThat(f.cause()).isEqualTo("down");
        assertThat(built).as("a finding asked for and not written").hasValue(0);

        assertThat(f.evidence()).containsExactly("2026-12-05T10:00:00Z CRYPTO-5-SESSION_STATUS Crypto tunnel is DOWN",
                "second");
        assertThat(f.evidence()).hasSize(2);
        assertThat(built).hasValue(1);
    }

    @Test
    void shouldKeepTheLinesAsTheyWereWhenBuilt() {
        List<String> source = new ArrayList<>(List.of("first"));
        Finding deferred = Finding.withLinesLater(AlertType.PEER_UNREACHABLE, "down", () -> source);
        Finding eager = new Finding(AlertType.PEER_UNREACHABLE, "down", source);
        assertThat(deferred.evidence()).containsExactly("first");

        source.add("added later");

        assertThat(deferred.evidence()).containsExactly("first");
        assertThat(eager.evidence()).containsExactly("first");
        assertThat(deferred).isEqualTo(eager);
    }
}
