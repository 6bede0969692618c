package io.tunnelwatch.launcher.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kafka} readiness check against real brokers: one that answers, none at all, one that goes away. */
class KafkaProbeIT {

    private final Readiness readiness = new Readiness();

    @TempDir
    Path data;

    @Test
    void shouldBeReadyWhenTheBrokerAnswers() {
        String bootstrap = KafkaFixture.bootstrapServers();
        try (KafkaProbe ignored = KafkaProbe.start(bootstrap, Map.of(), readiness)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka())
                    .isEqualTo(CheckStatus.ready(bootstrap + " answered (1 broker(s))")));
        }
    }

    @Test
    void shouldNameTheAddressWhereNothingAnswers() {
        String nowhere = "127.0.0.1:" + PortProbe.freePort();
        try (KafkaProbe ignored = KafkaProbe.start(nowhere, Map.of(), readiness)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kafka()).isNotNull();
                assertThat(kafka().ready()).isFalse();
                assertThat(kafka().detail()).startsWith("no answer from " + nowhere + " within 3 s (");
            });
        }
    }

    @Test
    void shouldTurnNotReadyWhenTheBrokerStopsAnsweringAndReadyWhenItIsBack() {
        int kafkaPort = PortProbe.freePort();
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults(data).withPorts(kafkaPort, PortProbe.freePort());
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        broker.start();
        String bootstrap = broker.bootstrapServers();
        try (KafkaProbe ignored = KafkaProbe.start(bootstrap, Map.of(), readiness)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka() != null && kafka().ready());

            broker.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kafka().ready()).isFalse();
                assertThat(kafka().detail()).startsWith("no answer from " + bootstrap);
            });

            broker = new EmbeddedKafkaBroker(config);
            broker.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka().ready());
        } finally {
            broker.close();
        }
    }

    private CheckStatus kafka() {
        return readiness.report().status(KafkaProbe.NAME);
    }
}
