package io.tunnelwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.topic.Topics;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path data;

    private EmbeddedBrokerConfig config() {
        return EmbeddedBrokerConfig.defaults(data).withPorts(PortProbe.freePort(), PortProbe.freePort());
    }

    @Test
    void shouldCreateTheDesignTopicsAndKeepRecordsAcrossARestart() throws Exception {
        EmbeddedBrokerConfig config = config();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config)) {
            broker.start();
            try (Admin admin = admin(broker)) {
                List<String> created = new TopicProvisioner(admin, 30_000).ensure(Topics.ALL, 3, 0);
                assertThat(created).contains("tunnelwatch.events", "tunnelwatch.counters", "tunnelwatch.syslog.raw",
                        "tunnelwatch.device-addresses")
                        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(t -> t.name()).toList());
                assertThat(admin.describeTopics(created).allTopicNames().get().values())
                        .as("every partition has its leader when ensure returns")
                        .allSatisfy(t -> assertThat(t.partitions()).allSatisfy(p -> assertThat(p.leader()).isNotNull()));
                var addresses = new ConfigResource(ConfigResource.Type.TOPIC, "tunnelwatch.device-addresses");
                String policy = admin.describeConfigs(List.of(addresses)).all().get(30, TimeUnit.SECONDS)
                        .get(addresses).get("cleanup.policy").value();
                assertThat(policy).isEqualTo("compact");
                assertThat(admin.describeTopics(List.of("tunnelwatch.events")).allTopicNames().get()
                        .get("tunnelwatch.events").partitions()).hasSize(3);
                var node = new ConfigResource(ConfigResource.Type.BROKER, "1");
                assertThat(admin.describeConfigs(List.of(node)).all().get(30, TimeUnit.SECONDS).get(node)
                        .get("add.partitions.to.txn.retry.backoff.max.ms").value())
                        .as("a produce waits on the broker for the last commit's markers, not in producer retries")
                        .isEqualTo("5000");
            }
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("tunnelwatch.events", "rtr|192.0.2.7", "kept")).get();
            }
        }

        try (EmbeddedKafkaBroker again = new EmbeddedKafkaBroker(config)) {
            again.start();
            try (Admin admin = admin(again)) {
                assertThat(new TopicProvisioner(admin, 30_000).ensure(Topics.ALL, 3, 0)).isEmpty();
            }
            assertThat(readCommitted(again, "tunnelwatch.events", 1)).containsExactly("kept");
        }
    }

    @Test
    void shouldRefuseATakenPortWithAOneLineReason() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            EmbeddedBrokerConfig config = config().withPorts(taken.getLocalPort(), PortProbe.freePort());

            assertThatThrownBy(() -> new EmbeddedKafkaBroker(config).start())
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageNotContaining("\n");
        }
    }

    /**
     * The look for transactions a restart left hanging (run on every start that reuses storage) against live ones:
     * a transaction under way and a finished one are not hanging, and the one under way still commits afterwards.
     */
    @Test
    void shouldLeaveTransactionsUnderWayAndFinishedAloneWhenLookingForHangingOnes() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config())) {
            broker.start();
            try (Admin admin = admin(broker);
                 KafkaProducer<String, String> finished = transactional(broker, "tw-it-finished");
                 KafkaProducer<String, String> underWay = transactional(broker, "tw-it-under-way")) {
                admin.createTopics(List.of(new NewTopic("tx-check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                finished.initTransactions();
                finished.beginTransaction();
                finished.send(new ProducerRecord<>("tx-check", "k", "committed")).get(30, TimeUnit.SECONDS);
                finished.commitTransaction();
                underWay.initTransactions();
                underWay.beginTransaction();
                underWay.send(new ProducerRecord<>("tx-check", "k", "under way")).get(30, TimeUnit.SECONDS);
                // as Kafka Streams does: the input offsets in the same transaction, open on __consumer_offsets too
                underWay.sendOffsetsToTransaction(Map.of(new TopicPartition("tx-check", 0), new OffsetAndMetadata(7)),
                        new ConsumerGroupMetadata("tw-it-group"));

                assertThat(HangingTransactions.abortAll(admin, Duration.ofSeconds(30))).isZero();

                underWay.commitTransaction();
                assertThat(admin.listConsumerGroupOffsets("tw-it-group").partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(new TopicPartition("tx-check", 0)).offset()).isEqualTo(7);
            }
            assertThat(readCommitted(broker, "tx-check", 2)).containsExactly("committed", "under way");
        }
    }

    private static KafkaProducer<String, String> transactional(EmbeddedKafkaBroker broker, String id) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, id), new StringSerializer(), new StringSerializer());
    }

    private static List<String> readCommitted(EmbeddedKafkaBroker broker, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            var values = new java.util.ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
