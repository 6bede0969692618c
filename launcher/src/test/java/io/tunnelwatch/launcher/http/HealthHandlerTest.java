package io.tunnelwatch.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {

    @Test
    void shouldListEveryCheckInAlignedColumnsUnderWhatIsNotReady() {
        Readiness readiness = new Readiness();
        readiness.set("kafka", CheckStatus.ready("127.0.0.1:9092 answered (1 broker(s))"));
        readiness.set("syslog", CheckStatus.notReady("not listening yet"));
        readiness.set("streams", CheckStatus.notReady("REBALANCING: partitions are being assigned"));

        assertThat(HealthHandler.text(readiness.report())).isEqualTo("""
                not ready: syslog, streams
                kafka    ready      127.0.0.1:9092 answered (1 broker(s))
                syslog   NOT READY  not listening yet
                streams  NOT READY  REBALANCING: partitions are being assigned
                """);
    }

    @Test
    void shouldStartWithReadyWhenEveryCheckPasses() {
        Readiness readiness = new Readiness();
        readiness.set("kafka", CheckStatus.ready("answered"));

        assertThat(HealthHandler.text(readiness.report())).isEqualTo("""
                ready
                kafka  ready      answered
                """);
    }

    @Test
    void shouldGiveTheSameChecksAsJson() {
        Readiness readiness = new Readiness();
        readiness.set("kafka", CheckStatus.ready("answered"));
        readiness.set("traps", CheckStatus.notReady("not listening yet"));

        assertThat(HealthHandler.json(readiness.report())).isEqualTo(Map.of("ready", false, "checks", List.of(
                Map.of("name", "kafka", "ready", true, "detail", "answered"),
                Map.of("name", "traps", "ready", false, "detail", "not listening yet"))));
    }
}
