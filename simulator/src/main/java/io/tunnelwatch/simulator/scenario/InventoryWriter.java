package io.tunnelwatch.simulator.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The inventory YAML (docs/configuration.md#the-inventory-file) matching a simulated fleet, so a collector polls its
 * agents and expects its peers: devices rtr-NN at 127.0.1.N sourcing their tunnels from GigabitEthernet1, SNMP v2c
 * with the agents' community and port, one expected peer per tunnel. Written by Jackson from the entries below, so
 * any value (a community with {@code :} or {@code #}, a name with blanks) is quoted as YAML needs.
 */
public final class InventoryWriter {

    /** The interface the simulated routers source their tunnels from (the agents' physical interface). */
    static final String SOURCE_INTERFACE = "GigabitEthernet1";
    private static final String HEADER = "# written by tunnelwatch simulate --write-inventory\n";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    /** One {@code devices[]} entry; {@code sourceInterface} and {@code snmp} may be null, {@code peers} empty. */
    public record DeviceEntry(String name, List<String> addresses, String sourceInterface, SnmpEntry snmp,
                              List<PeerEntry> peers) {
        public DeviceEntry {
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
            peers = List.copyOf(peers);
        }
    }

    /** A device's {@code snmp}: version 2c, the only one the simulated agents speak. */
    public record SnmpEntry(String community, int port, int pollIntervalSeconds) {
        public SnmpEntry {
            Objects.requireNonNull(community, "community");
        }
    }

    /** One {@code peers[]} entry; {@code tunnel} and {@code cryptoAcl} may be null, {@code routingNeighbors} empty. */
    public record PeerEntry(String address, String tunnel, String cryptoAcl, List<String> routingNeighbors) {
        public PeerEntry {
            Objects.requireNonNull(address, "address");
            routingNeighbors = List.copyOf(routingNeighbors);
        }
    }

    private InventoryWriter() {
    }

    /** The inventory of {@code fleet}, its agents polled with {@code community} on {@code port}. */
    public static String yaml(Fleet fleet, String community, int port, int pollIntervalSeconds) {
        return yaml(entries(fleet, community, port, pollIntervalSeconds));
    }

    /** The entries of {@code fleet}'s inventory: one device per router, its peers by address. */
    public static List<DeviceEntry> entries(Fleet fleet, String community, int port, int pollIntervalSeconds) {
        SnmpEntry snmp = new SnmpEntry(community, port, pollIntervalSeconds);
        return fleet.routers().stream().map(r -> device(r, snmp)).toList();
    }

    /** An inventory file of {@code devices}, in their order. */
    public static String yaml(List<DeviceEntry> devices) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("devices");
        devices.forEach(d -> list.add(node(d)));
        try {
            return HEADER + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the inventory", e);
        }
    }

    private static DeviceEntry device(SimulatedRouter router, SnmpEntry snmp) {
        List<PeerEntry> peers = router.peers().stream().map(p -> new PeerEntry(p, null, null, List.of())).toList();
        return new DeviceEntry(router.name(), List.of(router.address()), SOURCE_INTERFACE, snmp, peers);
    }

    private static ObjectNode node(DeviceEntry d) {
        ObjectNode n = YAML.createObjectNode().put("name", d.name());
        ArrayNode addresses = n.putArray("addresses");
        d.addresses().forEach(addresses::add);
        putIfPresent(n, "sourceInterface", d.sourceInterface());
        if (d.snmp() != null) {
            n.putObject("snmp").put("version", "2c").put("community", d.snmp().community())
                    .put("port", d.snmp().port()).put("pollInterval", d.snmp().pollIntervalSeconds() + "s");
        }
        if (!d.peers().isEmpty()) {
            ArrayNode peers = n.putArray("peers");
            d.peers().forEach(p -> peers.add(node(p)));
        }
        return n;
    }

    private static ObjectNode node(PeerEntry p) {
        ObjectNode n = YAML.createObjectNode().put("address", p.address());
        putIfPresent(n, "tunnel", p.tunnel());
        putIfPresent(n, "cryptoAcl", p.cryptoAcl());
        if (!p.routingNeighbors().isEmpty()) {
            ArrayNode neighbors = n.putArray("routingNeighbors");
            p.routingNeighbors().forEach(neighbors::add);
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }
}
