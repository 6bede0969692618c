package io.tunnelwatch.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("kafka.properties"), text);
    }

    @Test
    void shouldGiveEveryClientTheSecuritySettingsAndEachKindOnlyWhatItKnows() throws IOException {
        KafkaClientProperties p = KafkaClientProperties.load(file("""
                # a SASL_SSL cluster, as in the Kafka docs
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="tw" password="secret";
                ssl.truststore.location=/etc/kafka/truststore.p12
                linger.ms=20
                producer.linger.ms=50
                fetch.min.bytes=1024
                admin.request.timeout.ms=5000
                """));

        assertThat(p.forProducer())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("linger.ms", "50")
                .doesNotContainKeys("fetch.min.bytes", "request.timeout.ms", "producer.linger.ms");
        assertThat(p.forProducer().get("sasl.jaas.config")).startsWith("org.apache.kafka").endsWith("\"secret\";");
        assertThat(p.forAdmin())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("request.timeout.ms", "5000")
                .doesNotContainKeys("linger.ms", "fetch.min.bytes");
        assertThat(p.forStreams()).containsEntry("producer.linger.ms", "50").containsEntry("fetch.min.bytes", "1024");
    }

    @Test
    void shouldRefuseATypoNamingTheFileAndTheKey() throws IOException {
        Path f = file("security.protocl=SSL\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("'security.protocl' is not a Kafka client setting");
    }

    @Test
    void shouldRefuseSettingsTunnelwatchDecides() throws IOException {
        Path f = file("producer.bootstrap.servers=elsewhere:9092\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(f))
                .hasMessageContaining("'producer.bootstrap.servers' is set by tunnelwatch (use --bootstrap-servers)");
        assertThatThrownBy(() -> KafkaClientProperties.load(file("processing.guarantee=at_least_once\n")))
                .hasMessageContaining("exactly_once_v2");
    }

    @Test
    void shouldSayWhenTheFileCannotBeRead() {
        assertThatThrownBy(() -> KafkaClientProperties.load(dir.resolve("missing.properties")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kafka-config " + dir.resolve("missing.properties") + ": cannot read it");
    }
}
