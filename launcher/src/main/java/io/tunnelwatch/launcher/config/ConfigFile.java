package io.tunnelwatch.launcher.config;

import io.tunnelwatch.collector.yaml.YamlFileException;
import io.tunnelwatch.collector.yaml.YamlTree.Entry;
import io.tunnelwatch.collector.yaml.YamlTree.MapNode;
import io.tunnelwatch.collector.yaml.YamlTree.Node;
import io.tunnelwatch.collector.yaml.YamlTree.Scalar;
import io.tunnelwatch.collector.yaml.YamlTree;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code tunnelwatch.yaml} (docs/configuration.md#the-configuration-file): for now the
 * detector thresholds under {@code detectors:}, every one optional, a missing one keeping the value it is read over.
 * Unknown keys are mistakes (a typo must not silently leave a default in place); the first mistake ends the read
 * with a {@link ConfigFileException} naming the file, the line and the key.
 */
public final class ConfigFile {

    /** The thresholds, as keys of {@code detectors:}, in the order docs/configuration.md lists them. */
    public static final List<String> DETECTOR_KEYS = List.of("stuckAfter", "flatSamples", "resolveAfter",
            "silentAfter", "missingAfter", "flapCycles", "flapWindow", "messageWindow", "cryptoErrorsPerPoll",
            "catchUpHorizon", "peerStateRefresh");
    private static final List<String> ROOT_KEYS = List.of("detectors");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h)?");
    private static final long MAX_SECONDS = 86_400;
    private static final int MAX_COUNT = 100;
    private static final int MAX_ERRORS_PER_POLL = 1_000_000;

    private final YamlTree tree;

    private ConfigFile(String file) {
        this.tree = new YamlTree(file);
    }

    /** The thresholds of {@code path} over {@code base}; the file's name in messages is the path as given. */
    public static DetectorSettings detectors(Path path, DetectorSettings base) {
        String name = path.toString();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new ConfigFile(name).read(in, base);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(name + ": no such file");
        } catch (IOException e) {
            throw new ConfigFileException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses YAML text; {@code file} names it in messages. */
    public static DetectorSettings parseDetectors(String file, String yaml, DetectorSettings base) {
        return new ConfigFile(file).read(new StringReader(yaml), base);
    }

    private DetectorSettings read(Reader in, DetectorSettings base) {
        Node root;
        try {
            root = tree.read(in);
        } catch (YamlFileException e) {
            throw new ConfigFileException(e.getMessage(), e.excerpt());
        }
        if (root == null) {
            return base;
        }
        MapNode map = map(root, "the configuration");
        checkKeys(map, ROOT_KEYS, "at the top");
        Entry detectors = map.entries().get("detectors");
        if (detectors == null || detectors.value() instanceof Scalar s && s.text() == null) {
            return base;
        }
        MapNode d = map(detectors.value(), "'detectors'");
        checkKeys(d, DETECTOR_KEYS, "under 'detectors'");
        Map<String, Entry> e = d.entries();
        return new DetectorSettings(
                seconds(e.get("stuckAfter"), base.stuckAfter()),
                count(e.get("flatSamples"), base.flatSamples(), 1, MAX_COUNT),
                count(e.get("flapCycles"), base.flapCycles(), 1, MAX_COUNT),
                seconds(e.get("flapWindow"), base.flapWindow()),
                seconds(e.get("silentAfter"), base.silenceAfter()),
                seconds(e.get("missingAfter"), base.missingAfter()),
                seconds(e.get("messageWindow"), base.messageWindow()),
                seconds(e.get("resolveAfter"), base.resolveAfter()),
                count(e.get("cryptoErrorsPerPoll"), base.cryptoErrorsPerPoll(), 0, MAX_ERRORS_PER_POLL),
                seconds(e.get("catchUpHorizon"), base.catchUpHorizon()))
                .withPeerStateRefresh(seconds(e.get("peerStateRefresh"), base.peerStateRefresh()));
    }

    private MapNode map(Node node, String what) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw fail(node, what + " must be a map of keys");
    }

    private void checkKeys(MapNode map, List<String> known, String where) {
        for (Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) {
                throw fail(entry, "unknown key '" + entry.key() + "' " + where
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** {@code 90}, {@code 90s}, {@code 5m} or {@code 1h}: 1 s to 24 h. */
    private Duration seconds(Entry entry, Duration fallback) {
        if (entry == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(scalar(entry));
        long seconds = -1;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            seconds = "h".equals(m.group(2)) ? n * 3600 : "m".equals(m.group(2)) ? n * 60 : n;
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw fail(entry, "'" + entry.key() + "' must be a duration of 1s..24h"
                    + " (e.g. 90, 90s, 5m, 1h), was '" + scalar(entry) + "'");
        }
        return Duration.ofSeconds(seconds);
    }

    private int count(Entry entry, int fallback, int min, int max) {
        if (entry == null) {
            return fallback;
        }
        String text = scalar(entry);
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw fail(entry, "'" + entry.key() + "' must be a whole number " + min + ".."
                + max + ", was '" + text + "'");
    }

    private String scalar(Entry entry) {
        if (entry.value() instanceof Scalar s && s.text() != null) {
            return s.text().trim();
        }
        throw fail(entry, "'" + entry.key() + "' needs a value");
    }

    private ConfigFileException fail(YamlTree.Located at, String reason) {
        YamlFileException e = tree.mistake(at, reason);
        return new ConfigFileException(e.getMessage(), e.excerpt());
    }
}
