package io.tunnelwatch.launcher.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kafka} readiness check against real brokers: one that answers, none at all, one that goes away. */
class KafkaProbeIT {

    private final Readiness readiness = new Readiness();

    @TempDir
    Path data;

    @Test
    void shouldBeReadyWhenTheBrokerAnswers() {
        String bootstrap = KafkaFixture.bootstrapServers(StreamsTopics.ALL);
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

    /**
     * A collector alone with a spool that has room rides the outage out ready (behind a Kubernetes Service a
     * not-ready collector gets no syslog at all); with the spool full it turns not ready. A start still waits for
     * Kafka: before its first answer the check is not ready whatever the spool.
     */
    @Test
    void shouldStayReadyWhileTheSpoolCarriesAnOutageAndNotOnceItIsFull() {
        AtomicBoolean spoolHasRoom = new AtomicBoolean(true);
        String nowhere = "127.0.0.1:" + PortProbe.freePort();
        try (KafkaProbe ignored = KafkaProbe.start(nowhere, Map.of(), readiness, spoolHasRoom::get)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kafka()).isNotNull();
                assertThat(kafka().ready()).as("before Kafka ever answered").isFalse();
            });
        }
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults(data).withPorts(PortProbe.freePort(),
                PortProbe.freePort());
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        broker.start();
        String bootstrap = broker.bootstrapServers();
        Readiness collector = new Readiness();
        try (KafkaProbe ignored = KafkaProbe.start(bootstrap, Map.of(), collector, spoolHasRoom::get)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka(collector) != null
                    && kafka(collector).detail().endsWith("answered (1 broker(s))"));

            broker.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kafka(collector).detail()).startsWith("no answer from " + bootstrap)
                        .endsWith("the spool takes the records");
                assertThat(kafka(collector).ready()).isTrue();
            });

            spoolHasRoom.set(false);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kafka(collector).ready()).isFalse();
                assertThat(kafka(collector).detail()).startsWith("no answer from " + bootstrap)
                        .doesNotContain("spool");
            });
        } finally {
            broker.close();
        }
    }

    private static CheckStatus kafka(Readiness of) {
        return of.report().status(KafkaProbe.NAME);
    }

    private CheckStatus kafka() {
        return readiness.report().status(KafkaProbe.NAME);
    }
}
