package io.tunnelwatch.launcher.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka client settings from a Java properties file ({@code --kafka-config}), the form every Kafka tool reads
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, tuning such as {@code linger.ms}): what a secured
 * production cluster needs. One file serves every client tunnelwatch opens; each gets the keys it knows, and
 * {@code producer.}/{@code consumer.}/{@code admin.}-prefixed keys reach only that kind of client (the Kafka Streams
 * convention). Keys tunnelwatch decides itself are refused, and so are keys no Kafka client knows, so a typo fails
 * the start instead of being ignored.
 */
public final class KafkaClientProperties {

    /** Set by options or by tunnelwatch's guarantees; a file must not change them behind the user's back. */
    private static final Map<String, String> OWNED = Map.of(
            "bootstrap.servers", "use --bootstrap-servers",
            "application.id", "use --application-id",
            "processing.guarantee", "tunnelwatch relies on exactly_once_v2 for no duplicate alerts",
            "key.serializer", "tunnelwatch's topics have fixed formats",
            "value.serializer", "tunnelwatch's topics have fixed formats",
            "key.deserializer", "tunnelwatch's topics have fixed formats",
            "value.deserializer", "tunnelwatch's topics have fixed formats",
            "state.dir", "use --data-dir",
            "enable.idempotence", "the collector's producers are idempotent so a retry never duplicates an event");

    private static final String[] CLIENT_PREFIXES = {"producer.", "consumer.", "admin.", "main.consumer.",
        "restore.consumer.", "global.consumer."};

    private final Map<String, String> all;

    private KafkaClientProperties(Map<String, String> all) {
        this.all = Map.copyOf(all);
    }

    public static KafkaClientProperties none() {
        return new KafkaClientProperties(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming the file and the key, when it cannot be read or holds a key that is
     *                                  unknown or tunnelwatch's own
     */
    public static KafkaClientProperties load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-config " + file + ": cannot read it (" + e.getMessage()
                    + ")", e);
        }
        Map<String, String> all = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String bare = unprefixed(key);
            if (OWNED.containsKey(bare)) {
                throw new IllegalArgumentException("--kafka-config " + file + ": '" + key + "' is set by tunnelwatch ("
                        + OWNED.get(bare) + ")");
            }
            if (!known(bare)) {
                throw new IllegalArgumentException("--kafka-config " + file + ": '" + key
                        + "' is not a Kafka client setting");
            }
            all.put(key, p.getProperty(key).trim());
        }
        return new KafkaClientProperties(all);
    }

    /** For the collector's producers: producer settings and {@code producer.}-prefixed ones. */
    public Map<String, String> forProducer() {
        return forClient(ProducerConfig.configNames(), "producer.");
    }

    /** For admin clients (reachability, topic creation). */
    public Map<String, String> forAdmin() {
        return forClient(AdminClientConfig.configNames(), "admin.");
    }

    /** For Kafka Streams, which hands each of its clients its part itself. */
    public Map<String, String> forStreams() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    private Map<String, String> forClient(Set<String> names, String prefix) {
        Map<String, String> out = new HashMap<>();
        all.forEach((key, value) -> {
            if (names.contains(key)) {
                out.putIfAbsent(key, value);
            }
        });
        // A prefixed key is more specific than a plain one.
        all.forEach((key, value) -> {
            if (key.startsWith(prefix) && names.contains(key.substring(prefix.length()))) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return Map.copyOf(out);
    }

    private static String unprefixed(String key) {
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static boolean known(String key) {
        return ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key) || StreamsConfig.configDef().names().contains(key);
    }
}
