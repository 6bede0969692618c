package io.tunnelwatch.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tunnelwatch.simulator.fault.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario YAML file (examples under {@code scenarios/} on the classpath). Unknown keys, unknown faults,
 * bad durations and routers outside the fleet fail the load with the file name and the reason.
 */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})\\s*(ms|s|m|h)?");
    private static final Set<String> ROOT_KEYS = Set.of("name", "compression", "routers", "peers-per-router", "seed",
            "start", "ipsec-lifetime", "duration", "snmp", "timeline", "wrap-headroom");
    private static final Set<String> STEP_KEYS = Set.of("at", "fault", "router", "peer", "repair-at");

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A scenario shipped with the simulator, e.g. {@code demo}. */
    public static Scenario builtIn(String name) {
        String resource = "/scenarios/" + name + ".yaml";
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in scenario '" + name + "'");
            }
            return read(resource, in);
        } catch (IOException e) {
            throw new IllegalArgumentException(resource + ": cannot read", e);
        }
    }

    static Scenario read(String file, InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw fail(file, "a scenario is a map starting with 'name:'");
        }
        checkKeys(file, root, ROOT_KEYS, "the scenario");
        int routers = root.path("routers").asInt(6);
        JsonNode snmp = root.path("snmp");
        List<Scenario.Step> steps = new ArrayList<>();
        for (JsonNode s : root.path("timeline")) {
            checkKeys(file, s, STEP_KEYS, "a timeline step");
            Fault fault;
            try {
                fault = Fault.byId(s.path("fault").asText());
            } catch (IllegalArgumentException e) {
                throw fail(file, e.getMessage());
            }
            String router = required(file, s, "router");
            String peer = required(file, s, "peer");
            checkRouter(file, router, routers);
            checkRouter(file, peer, routers);
            try {
                steps.add(new Scenario.Step(duration(file, s.path("at").asText("0s")), fault, router, peer,
                        s.has("repair-at") ? duration(file, s.path("repair-at").asText()) : null));
            } catch (IllegalArgumentException e) {
                throw fail(file, e.getMessage());
            }
        }
        return new Scenario(root.path("name").asText("unnamed"), root.path("compression").asInt(1), routers,
                root.path("peers-per-router").asInt(2), root.path("seed").asLong(1),
                Instant.parse(root.path("start").asText("2026-01-05T09:00:00Z")),
                duration(file, root.path("ipsec-lifetime").asText("3600s")),
                root.has("duration") ? duration(file, root.path("duration").asText()) : null,
                snmp.path("community").asText("tunnelwatch-sim"), snmp.path("port").asInt(16100), steps,
                wrapHeadroom(file, root));
    }

    private static long wrapHeadroom(String file, JsonNode root) {
        JsonNode n = root.path("wrap-headroom");
        if (n.isMissingNode()) {
            return Scenario.DEFAULT_WRAP_HEADROOM;
        }
        if (!n.canConvertToLong() || n.asLong() < 0 || n.asLong() >= 1L << 32) {
            throw fail(file, "wrap-headroom '" + n.asText() + "' is not a count 0..4294967295");
        }
        return n.asLong();
    }

    static Duration duration(String file, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw fail(file, "'" + text + "' is not a duration (e.g. 90s, 5m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static void checkRouter(String file, String name, int routers) {
        Matcher m = Pattern.compile("rtr-(\\d+)").matcher(name);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > routers) {
            throw fail(file, "router '" + name + "' is not in the fleet (rtr-01 .. rtr-" + String.format("%02d",
                    routers) + ")");
        }
    }

    private static String required(String file, JsonNode node, String key) {
        if (!node.hasNonNull(key)) {
            throw fail(file, "a timeline step needs '" + key + "'");
        }
        return node.get(key).asText();
    }

    private static void checkKeys(String file, JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw fail(file, "unknown key '" + key + "' in " + where + "; known: " + allowed);
            }
        }
    }

    private static IllegalArgumentException fail(String file, String reason) {
        return new IllegalArgumentException(file + ": " + reason);
    }
}
