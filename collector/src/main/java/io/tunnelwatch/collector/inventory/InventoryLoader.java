package io.tunnelwatch.collector.inventory;

import io.tunnelwatch.collector.net.PeerAddresses;
import io.tunnelwatch.collector.yaml.YamlFileException;
import io.tunnelwatch.collector.yaml.YamlTree.Entry;
import io.tunnelwatch.collector.yaml.YamlTree.ListNode;
import io.tunnelwatch.collector.yaml.YamlTree.MapNode;
import io.tunnelwatch.collector.yaml.YamlTree.Node;
import io.tunnelwatch.collector.yaml.YamlTree.Scalar;
import io.tunnelwatch.collector.yaml.YamlTree;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the inventory YAML (docs/configuration.md "Inventory"). The first mistake ends the load with an
 * {@link InventoryException} naming the file, the line and the reason: unknown keys, a missing or repeated device
 * name, an address that is not an IP literal (names would need DNS, which a collector must not wait on) or that
 * another device already has, a bad SNMP version or incomplete SNMP credentials, a peer or tunnel listed twice. A file
 * that is not YAML at all ends it with a {@link YamlFileException}, which is not an inventory mistake.
 */
public final class InventoryLoader {

    private static final Set<String> ROOT_KEYS = Set.of("devices");
    private static final Set<String> DEVICE_KEYS = Set.of("name", "addresses", "sourceInterface", "snmp", "peers");
    private static final Set<String> SNMP_KEYS = Set.of("version", "community", "user", "authProtocol", "authKey",
            "privProtocol", "privKey", "pollInterval", "pollJitter", "pollTimeout", "pollRetries", "port", "engineId");
    /** The poll timing keys any SNMP version takes. */
    private static final Set<String> POLL_KEYS = Set.of("pollInterval", "pollJitter", "pollTimeout", "pollRetries");
    /** Retries beyond this only stretch a dead device's poll past the next one. */
    private static final int MAX_RETRIES = 10;
    private static final Set<String> PEER_KEYS = Set.of("address", "tunnel", "cryptoAcl", "routingNeighbors");
    private static final Set<String> AUTH_PROTOCOLS = Set.of("MD5", "SHA", "SHA224", "SHA256", "SHA384", "SHA512");
    private static final Set<String> PRIV_PROTOCOLS = Set.of("DES", "3DES", "AES", "AES128", "AES192", "AES256");
    /** Device names become Kafka keys ({@code device|peer}) and metric labels: no separator, no blanks. */
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/\\-]{0,127}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(ms|s|m|h)?");
    /** RFC 3414 §11.2: USM passwords are at least 8 characters. */
    private static final int MIN_USM_KEY = 8;

    private final YamlTree tree;

    private InventoryLoader(String file) {
        this.tree = new YamlTree(file);
    }

    /** Loads {@code path}; the file's name in messages is the path as given. */
    public static Inventory load(Path path) {
        String name = path.toString();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new InventoryLoader(name).read(in);
        } catch (NoSuchFileException e) {
            throw new InventoryException(name + ": no such file");
        } catch (IOException e) {
            throw new InventoryException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses YAML text; {@code file} names it in messages. */
    public static Inventory parse(String file, String yaml) {
        return new InventoryLoader(file).read(new StringReader(yaml));
    }

    private Inventory read(Reader in) {
        Node root = tree.read(in);
        if (root == null) {
            throw inventoryMistake(tree.mistake(0, 0, "empty file; an inventory starts with 'devices:'"));
        }
        MapNode map = map(root, "the inventory");
        checkKeys(map, ROOT_KEYS, "the inventory");
        Entry devicesEntry = map.entries().get("devices");
        if (devicesEntry == null) {
            throw fail(map, "no 'devices' list");
        }
        if (devicesEntry.value() instanceof Scalar s && s.text() == null) {
            return Inventory.empty();
        }
        Map<String, Device> byName = new HashMap<>();
        Map<String, Device> byAddress = new HashMap<>();
        List<Device> devices = new ArrayList<>();
        for (Node item : list(devicesEntry.value(), "devices").items()) {
            Device device = device(item, byName, byAddress);
            devices.add(device);
        }
        return new Inventory(devices);
    }

    private Device device(Node node, Map<String, Device> byName, Map<String, Device> byAddress) {
        MapNode m = map(node, "a device");
        checkKeys(m, DEVICE_KEYS, "a device");
        Entry nameEntry = m.entries().get("name");
        String name = nameEntry == null ? null : text(nameEntry);
        if (name == null || name.isBlank()) {
            throw fail(m, "a device has no name");
        }
        if (!DEVICE_NAME.matcher(name).matches()) {
            throw fail(nameEntry, "device name '" + name + "' may hold letters, digits and . _ : / -"
                    + " only (it becomes a Kafka key and a metric label)");
        }
        Device earlier = byName.get(name);
        if (earlier != null) {
            throw fail(nameEntry, "device name '" + name + "' appears twice");
        }
        List<String> addresses = new ArrayList<>();
        Entry addressesEntry = m.entries().get("addresses");
        if (addressesEntry != null) {
            for (Node a : list(addressesEntry.value(), "addresses of '" + name + "'").items()) {
                String address = address(a, "address of device '" + name + "'");
                Device owner = byAddress.get(address);
                if (owner != null || addresses.contains(address)) {
                    throw fail(a, "device '" + name + "' repeats address " + address + " of '"
                            + (owner == null ? name : owner.name()) + "'");
                }
                addresses.add(address);
            }
        }
        Entry source = m.entries().get("sourceInterface");
        Entry snmp = m.entries().get("snmp");
        Device device = new Device(name, addresses, source == null ? null : text(source),
                snmp == null ? null : snmp(snmp.value(), name), peers(m.entries().get("peers"), name));
        byName.put(name, device);
        addresses.forEach(a -> byAddress.put(a, device));
        return device;
    }

    private SnmpCredentials snmp(Node node, String device) {
        MapNode m = map(node, "snmp of '" + device + "'");
        checkKeys(m, SNMP_KEYS, "snmp");
        Entry version = m.entries().get("version");
        PollTiming poll = pollTiming(m);
        String v = version == null ? null : text(version);
        int port = port(m.entries().get("port"));
        if ("2c".equalsIgnoreCase(v)) {
            onlyKeys(m, union(Set.of("version", "community", "port"), POLL_KEYS), "SNMP version 2c");
            String community = required(m, "community", "SNMP version 2c of '" + device + "'");
            return new SnmpCredentials.V2c(new Secret(community), poll, port);
        }
        if ("3".equals(v)) {
            onlyKeys(m, union(Set.of("version", "user", "authProtocol", "authKey", "privProtocol", "privKey",
                    "port", "engineId"), POLL_KEYS), "SNMP version 3");
            String user = required(m, "user", "SNMP version 3 of '" + device + "'");
            String authProtocol = protocol(m, "authProtocol", AUTH_PROTOCOLS);
            Secret authKey = key(m, "authKey", authProtocol, "authProtocol");
            String privProtocol = protocol(m, "privProtocol", PRIV_PROTOCOLS);
            Secret privKey = key(m, "privKey", privProtocol, "privProtocol");
            if (privKey != null && authKey == null) {
                throw fail(m.entries().get("privKey"), "SNMPv3 privacy needs authentication too"
                        + " (authProtocol and authKey)");
            }
            return new SnmpCredentials.V3(user, authProtocol, authKey, privProtocol, privKey, poll, port,
                    engineId(m.entries().get("engineId")));
        }
        String reason = "bad snmp version '" + (v == null ? "" : v) + "' of device '" + device + "' (expected 2c or 3)";
        throw version == null ? fail(m, reason) : fail(version, reason);
    }

    /**
     * pollInterval, pollJitter, pollTimeout, pollRetries; each optional. A jitter must stay under the interval and a
     * timeout with its retries must end before the next poll is due, or polls of one device would overlap.
     */
    private PollTiming pollTiming(MapNode m) {
        Map<String, Entry> e = m.entries();
        Duration interval = e.containsKey("pollInterval") ? duration(e.get("pollInterval"), "pollInterval") : null;
        Duration jitter = e.containsKey("pollJitter") ? duration(e.get("pollJitter"), "pollJitter") : null;
        Duration timeout = e.containsKey("pollTimeout") ? duration(e.get("pollTimeout"), "pollTimeout") : null;
        Integer retries = e.containsKey("pollRetries") ? retries(e.get("pollRetries")) : null;
        Duration every = interval != null ? interval : PollTiming.DEFAULT_INTERVAL;
        if (jitter != null && jitter.compareTo(every) >= 0) {
            throw fail(e.get("pollJitter"), "pollJitter " + text(e.get("pollJitter"))
                    + " must be shorter than the poll interval (" + every.toSeconds() + "s)");
        }
        if (timeout != null) {
            long tries = 1L + (retries != null ? retries : PollTiming.DEFAULT_RETRIES);
            if (timeout.multipliedBy(tries).compareTo(every) >= 0) {
                throw fail(e.get("pollTimeout"), "pollTimeout " + text(e.get("pollTimeout")) + " x " + tries
                        + " tries must end before the next poll (interval " + every.toSeconds() + "s)");
            }
        }
        return new PollTiming(interval, jitter, timeout, retries);
    }

    private int retries(Entry e) {
        String t = text(e);
        try {
            int n = Integer.parseInt(t == null ? "" : t.trim());
            if (n >= 0 && n <= MAX_RETRIES) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw fail(e, "pollRetries must be 0.." + MAX_RETRIES + ", was '" + t + "'");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private int port(Entry e) {
        if (e == null) {
            return SnmpCredentials.DEFAULT_PORT;
        }
        String t = text(e);
        try {
            int port = Integer.parseInt(t == null ? "" : t.trim());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw fail(e, "snmp port must be 1..65535, was '" + t + "'");
    }

    private String engineId(Entry e) {
        if (e == null) {
            return null;
        }
        String t = text(e) == null ? "" : text(e).trim();
        String hex = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
        if (hex.length() < 10 || hex.length() > 64 || hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]+")) {
            throw fail(e, "snmp engineId must be 5 to 32 bytes of hex (e.g. 80000009030000c0ffee01), was '"
                    + t + "'");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private String protocol(MapNode m, String key, Set<String> allowed) {
        Entry e = m.entries().get(key);
        if (e == null) {
            return null;
        }
        String p = text(e) == null ? "" : text(e).toUpperCase(Locale.ROOT);
        if (!allowed.contains(p)) {
            throw fail(e, "unknown " + key + " '" + text(e) + "' (expected one of "
                    + allowed.stream().sorted().toList() + ")");
        }
        return p;
    }

    /** A USM key, which needs its protocol and the RFC 3414 minimum length; the message never shows the key. */
    private Secret key(MapNode m, String key, String protocol, String protocolKey) {
        Entry e = m.entries().get(key);
        if (e == null) {
            if (protocol != null) {
                throw fail(m.entries().get(protocolKey), protocolKey + " " + protocol + " needs " + key);
            }
            return null;
        }
        if (protocol == null) {
            throw fail(e, key + " needs " + protocolKey);
        }
        String value = text(e);
        if (value == null || value.length() < MIN_USM_KEY) {
            throw fail(e, key + " is shorter than " + MIN_USM_KEY + " characters (RFC 3414)");
        }
        return new Secret(value);
    }

    private List<ExpectedPeer> peers(Entry entry, String device) {
        if (entry == null) {
            return List.of();
        }
        List<ExpectedPeer> peers = new ArrayList<>();
        for (Node node : list(entry.value(), "peers of '" + device + "'").items()) {
            MapNode m = map(node, "a peer");
            checkKeys(m, PEER_KEYS, "a peer");
            Entry addressEntry = m.entries().get("address");
            if (addressEntry == null) {
                throw fail(m, "a peer of '" + device + "' has no address");
            }
            String address = address(addressEntry.value(), "peer address");
            String tunnel = null;
            Entry tunnelEntry = m.entries().get("tunnel");
            if (tunnelEntry != null) {
                tunnel = TunnelNames.canonical(text(tunnelEntry));
                if (tunnel == null) {
                    throw fail(tunnelEntry, "'" + text(tunnelEntry) + "' is not a tunnel interface"
                            + " (expected e.g. Tunnel7)");
                }
            }
            for (ExpectedPeer p : peers) {
                if (p.address().equals(address)) {
                    throw fail(addressEntry, "device '" + device + "' lists peer " + address + " twice");
                }
                if (tunnel != null && tunnel.equals(p.tunnel())) {
                    throw fail(tunnelEntry, "device '" + device + "' maps " + tunnel + " to both "
                            + p.address() + " and " + address);
                }
            }
            Entry acl = m.entries().get("cryptoAcl");
            peers.add(new ExpectedPeer(address, tunnel, acl == null ? null : text(acl),
                    routingNeighbors(m.entries().get("routingNeighbors"), address)));
        }
        return peers;
    }

    /** {@code routingNeighbors: [169.254.22.6, 10.0.0.0/30]}: addresses or subnets, each checked. */
    private List<RoutingNeighbor> routingNeighbors(Entry entry, String peer) {
        if (entry == null) {
            return List.of();
        }
        List<RoutingNeighbor> neighbors = new ArrayList<>();
        for (Node node : list(entry.value(), "routingNeighbors of peer " + peer).items()) {
            RoutingNeighbor n = node instanceof Scalar s ? RoutingNeighbor.parse(s.text()) : null;
            if (n == null) {
                throw fail(node, "a routing neighbour of peer " + peer + " must be an IP address or a subnet"
                        + " (e.g. 169.254.22.6 or 169.254.22.4/30)");
            }
            neighbors.add(n);
        }
        return neighbors;
    }

    private String address(Node node, String what) {
        if (!(node instanceof Scalar s) || s.text() == null) {
            throw fail(node, what + " must be an IP address");
        }
        String canonical = PeerAddresses.canonical(s.text().strip());
        if (canonical == null) {
            throw fail(node, "'" + s.text() + "' is not an IP address (" + what
                    + "; IPv4 or IPv6, no host names)");
        }
        return canonical;
    }

    private Duration duration(Entry e, String key) {
        String t = text(e);
        Matcher m = t == null ? null : DURATION.matcher(t.strip());
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw fail(e, key + " '" + t + "' is not a duration (e.g. 30s, 5m, 1h, 500ms, or seconds)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private String required(MapNode m, String key, String what) {
        Entry e = m.entries().get(key);
        String t = e == null ? null : text(e);
        if (t == null || t.isEmpty()) {
            throw e == null ? fail(m, what + " needs '" + key + "'") : fail(e, what + " needs '" + key + "'");
        }
        return t;
    }

    private void checkKeys(MapNode m, Set<String> allowed, String where) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                throw fail(e, "unknown key '" + e.key() + "' in " + where + " (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private void onlyKeys(MapNode m, Set<String> allowed, String where) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                throw fail(e, "'" + e.key() + "' does not belong to " + where);
            }
        }
    }

    private String text(Entry e) {
        if (e.value() instanceof Scalar s) {
            return s.text();
        }
        throw fail(e, "'" + e.key() + "' must be a single value");
    }

    private MapNode map(Node node, String what) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw fail(node, what + " must be a map of key: value");
    }

    private ListNode list(Node node, String what) {
        if (node instanceof ListNode l) {
            return l;
        }
        throw fail(node, what + " must be a list");
    }

    private InventoryException fail(YamlTree.Located at, String reason) {
        return inventoryMistake(tree.mistake(at, reason));
    }

    private static InventoryException inventoryMistake(YamlFileException located) {
        return new InventoryException(located.getMessage(), located.excerpt());
    }
}
