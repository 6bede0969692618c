package io.tunnelwatch.launcher.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamsCheckTest {

    @Test
    void shouldBeReadyWhileRunningWithEveryStoreRestored() {
        assertThat(StreamsCheck.status(KafkaStreams.State.RUNNING, 0)).isEqualTo(CheckStatus.ready("RUNNING"));
    }

    @Test
    void shouldNotBeReadyWhileRunningButStillRestoringAStore() {
        assertThat(StreamsCheck.status(KafkaStreams.State.RUNNING, 3)).isEqualTo(CheckStatus.notReady(
                "RUNNING, restoring 3 store partition(s) from their changelogs"));
    }

    @Test
    void shouldNotBeReadyBeforeTheAppStarts() {
        assertThat(StreamsCheck.status(null, 0)).isEqualTo(CheckStatus.notReady("not started yet"));
    }

    @Test
    void shouldSayWhatARebalanceIsRestoring() {
        assertThat(StreamsCheck.status(KafkaStreams.State.REBALANCING, 2).detail())
                .isEqualTo("REBALANCING: partitions are being assigned; restoring 2 store partition(s) from their"
                        + " changelogs");
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void shouldNotBeReadyInAnyStateButRunning(KafkaStreams.State state) {
        CheckStatus status = StreamsCheck.status(state, 0);

        assertThat(status.ready()).isFalse();
        assertThat(status.detail()).startsWith(state.name());
    }
}
