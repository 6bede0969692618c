package io.tunnelwatch.launcher;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A scenario that spans a restart of the streams app, written to the input topics as the collector would (record
 * time = now): two peers of {@code device} whose decaps stall (counter samples, DecapsStalled), one whose IKE main
 * mode hangs after a refused proposal (events, IkeNegotiationStuck by the wall-clock punctuation), then more of the
 * same, then the repair. Reads {@code tunnelwatch.alerts} of the device as a downstream consumer does
 * ({@code read_committed}), and a peer's {@code GET /peers/{device}/{peer}}.
 */
final class RestartScenario implements AutoCloseable {

    static final List<String> STALLED = List.of("198.51.100.11", "198.51.100.12");
    static final String STUCK = "198.51.100.13";
    static final List<String> PEERS = List.of(STALLED.get(0), STALLED.get(1), STUCK);
    /** Short thresholds, so the test waits seconds: IKE stuck after this long, an alert resolved after this long. */
    static final int STUCK_AFTER_SECONDS = 3;
    static final int RESOLVE_AFTER_SECONDS = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String device;
    private final KafkaProducer<PeerKey, TunnelEvent> events;
    private final KafkaProducer<PeerKey, CounterSample> counters;
    private final AlertsReader alerts;

    RestartScenario(String bootstrapServers, String device) {
        this.device = device;
        this.events = new KafkaProducer<>(producerProps(bootstrapServers), Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer());
        this.counters = new KafkaProducer<>(producerProps(bootstrapServers), Topics.COUNTERS.keySerde().serializer(),
                Topics.COUNTERS.valueSerde().serializer());
        this.alerts = new AlertsReader(bootstrapServers, device);
    }

    private static Properties producerProps(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    /** The faults begin: three one-way polls of each stalled peer; the stuck peer enters main mode and is refused. */
    void startFaults() {
        for (int i = 0; i < 3; i++) {
            STALLED.forEach(peer -> send(sample(peer, 100, 0)));
        }
        send(event(STUCK, EventKind.IKE_STATE, Map.of("state", "MM_SA_SETUP")));
        send(event(STUCK, EventKind.IKE_PROPOSAL_REJECTED, Map.of()));
        flush();
    }

    /** The faults go on: two more one-way polls of each stalled peer, and another refused proposal. */
    void continueFaults() {
        for (int i = 0; i < 2; i++) {
            STALLED.forEach(peer -> send(sample(peer, 100, 0)));
        }
        send(event(STUCK, EventKind.IKE_PROPOSAL_REJECTED, Map.of()));
        flush();
    }

    /** The repair: traffic both ways on the stalled peers, the stuck peer's IKE and IPsec SAs come up. */
    void repair() {
        for (int i = 0; i < 3; i++) {
            STALLED.forEach(peer -> send(sample(peer, 100, 80)));
        }
        send(event(STUCK, EventKind.IKE_STATE, Map.of("state", "QM_IDLE")));
        send(event(STUCK, EventKind.SESSION_UP, Map.of()));
        flush();
    }

    /** Every committed alert record of the device so far, in the order of each peer's partition. */
    List<AlertRecord> alerts() {
        return alerts.alerts();
    }

    List<AlertRecord> alerts(Predicate<AlertRecord> which) {
        return alerts().stream().filter(which).toList();
    }

    /** Per peer, its alert records as {@code ACTION alert id}, e.g. {@code OPENED DecapsStalled 6f1c…}. */
    Map<String, List<String>> lifecycles() {
        return alerts.lifecycles();
    }

    /** The body of {@code GET /peers/{device}/{peer}} when 200, else null (starting, restoring, unknown). */
    String peerView(int httpPort, String peer) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/peers/" + device + "/" + peer))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CounterSample sample(String peer, long encaps, long decaps) {
        return sample(device, peer, encaps, decaps);
    }

    private TunnelEvent event(String peer, EventKind kind, Map<String, String> fields) {
        return event(device, peer, kind, fields);
    }

    /** One poll of a peer's IPsec SA counters as the collector publishes it, polled now. */
    static CounterSample sample(String device, String peer, long encaps, long decaps) {
        CounterSample.Counters deltas = new CounterSample.Counters(decaps, encaps, decaps * 100, encaps * 100,
                0, 0, 0, 0, 0, 0);
        return new CounterSample(CounterSample.VERSION, device, peer, Instant.now(), true, 1, null, null, deltas,
                deltas);
    }

    /** One syslog event of a peer as the collector publishes it, received now. */
    static TunnelEvent event(String device, String peer, EventKind kind, Map<String, String> fields) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, device, peer, IkeVersion.IKEV1,
                "CRYPTO-5-" + kind.name(), 5, fields, null, Instant.now(), "192.0.2.1", "udp",
                kind.name().toLowerCase() + " from " + peer);
    }

    private void send(CounterSample s) {
        counters.send(new ProducerRecord<>(Topics.COUNTERS.name(), null, s.polledAt().toEpochMilli(), s.key(), s));
    }

    private void send(TunnelEvent e) {
        events.send(new ProducerRecord<>(Topics.EVENTS.name(), null, e.receivedAt().toEpochMilli(), e.key(), e));
    }

    private void flush() {
        events.flush();
        counters.flush();
    }

    @Override
    public void close() {
        events.close(Duration.ofSeconds(5));
        counters.close(Duration.ofSeconds(5));
        alerts.close();
    }
}
