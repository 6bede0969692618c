package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SNMP traps through the whole collector to Kafka: net-snmp's real {@code snmptrap} sends cikeTunnelStop, v2c from
 * 127.0.0.1 and v3 authPriv (SHA/AES) from 127.0.0.2, to the trap port of a running pipeline; the events are read
 * back from {@code tunnelwatch.events} on the fixture broker, keyed by their device and peer. A wrong community is
 * refused and counted on the metrics page, and nothing of it reaches the topic.
 */
class TrapToKafkaIT {

    private static final String ENGINE_ID = "80001f8880aabbccdd01020304";
    /**
     * {@code snmptrap} arguments of a cikeTunnelStop from 192.0.2.1 to 198.51.100.7: the agent's own uptime, the
     * notification, then cikePeerLocalAddr and cikePeerRemoteAddr as hex octets. The row index is a bare {@code 1}:
     * the decoder reads the peer from the address value and needs the full cikePeerTable index only without it.
     */
    static final String[] STOP_VARBINDS = {"", IpsecFlowMonitorMib.CIKE_TUNNEL_STOP.oid(),
        IpsecFlowMonitorMib.CIKE_PEER_LOCAL_ADDR + ".1", "x", "C0000201",
        IpsecFlowMonitorMib.CIKE_PEER_REMOTE_ADDR + ".1", "x", "C6336407"};

    @TempDir
    Path data;

    private Pipeline pipeline;
    private int trapPort;
    private int httpPort;

    @BeforeEach
    void startPipeline() throws Exception {
        trapPort = PortProbe.freePort();
        httpPort = PortProbe.freePort();
        int silentAgent = PortProbe.freePort(); // the devices' polls find nobody: traps only here
        var inventory = InventoryLoader.parse("test inventory", """
                devices:
                  - name: rtr-trap-v2
                    addresses: [127.0.0.1]
                    snmp: {version: 2c, community: trapsecret, port: %d}
                  - name: rtr-trap-v3
                    addresses: [127.0.0.2]
                    snmp: {version: 3, user: twuser, authProtocol: SHA, authKey: authpass123, privProtocol: AES,
                           privKey: privpass123, engineId: %s, port: %d}
                """.formatted(silentAgent, ENGINE_ID, silentAgent));
        PipelineConfig config = FixturePipelines.config(data, FixturePipelines.syslog(PortProbe.freePort(), true),
                httpPort, false, new IngestConfig(inventory, false, false),
                new SnmpSettings("127.0.0.1", trapPort, 8));
        pipeline = new Pipeline(config).start();
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void shouldPublishV2cAndV3AuthPrivCikeTunnelStopsWithTheirDeviceAndPeerAndCountAWrongCommunity()
            throws Exception {
        snmptrap(concat(new String[] {"-v", "2c", "-c", "guess", target()}, STOP_VARBINDS));
        snmptrap(concat(new String[] {"-v", "2c", "-c", "trapsecret", target()}, STOP_VARBINDS));
        snmptrap(concat(new String[] {"-v3", "--clientaddr=127.0.0.2", "-e", "0x" + ENGINE_ID, "-u", "twuser",
            "-l", "authPriv", "-a", "SHA", "-A", "authpass123", "-x", "AES", "-X", "privpass123", target()},
                STOP_VARBINDS));

        List<TunnelEvent> stops = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers(StreamsTopics.ALL),
                ConsumerConfig.GROUP_ID_CONFIG, "trap-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value().device().startsWith("rtr-trap-")) {
                        assertThat(r.key()).isEqualTo(new PeerKey(r.value().device(), r.value().peer()));
                        stops.add(r.value());
                    }
                });
                return stops.size() >= 2;
            });
        }

        assertThat(stops).extracting(TunnelEvent::device).containsExactlyInAnyOrder("rtr-trap-v2", "rtr-trap-v3");
        assertThat(stops).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.IKE_SA_DOWN);
            assertThat(e.peer()).isEqualTo("198.51.100.7");
            assertThat(e.transport()).isEqualTo("snmp");
            assertThat(e.receivedAt().getNano() % 1_000).as("receive time to the microsecond").isZero();
            assertThat(e.fields()).containsEntry("local_address", "192.0.2.1");
        });
        String page = MetricsScrape.page(httpPort);
        assertThat(MetricsScrape.value(page,
                "tunnelwatch_snmp_traps_total{outcome=\"rejected_community\",type=\"cikeTunnelStop\"}"))
                .hasValue(1.0);
        assertThat(MetricsScrape.value(page,
                "tunnelwatch_snmp_traps_total{outcome=\"accepted\",type=\"cikeTunnelStop\"}"))
                .hasValue(2.0);
    }

    private String target() {
        return "udp:127.0.0.1:" + trapPort;
    }

    private void snmptrap(String... args) throws Exception {
        Snmptrap.send(data, List.of(args));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
