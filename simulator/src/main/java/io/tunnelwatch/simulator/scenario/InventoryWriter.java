package io.tunnelwatch.simulator.scenario;

import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;

/**
 * The inventory YAML (docs/configuration.md#the-inventory-file) matching a simulated fleet, so a collector polls its
 * agents and
 * expects its peers: devices rtr-NN at 127.0.1.N, SNMP v2c with the agents' community and port, one expected peer
 * per tunnel with its {@code TunnelN}.
 */
public final class InventoryWriter {

    private InventoryWriter() {
    }

    public static String yaml(Fleet fleet, String community, int port, int pollIntervalSeconds) {
        StringBuilder out = new StringBuilder("# written by tunnelwatch simulate --write-inventory\ndevices:\n");
        for (SimulatedRouter r : fleet.routers()) {
            out.append("  - name: ").append(r.name()).append('\n')
                    .append("    addresses: [").append(r.address()).append("]\n")
                    .append("    sourceInterface: GigabitEthernet1\n")
                    .append("    snmp: {version: 2c, community: ").append(community).append(", port: ").append(port)
                    .append(", pollInterval: ").append(pollIntervalSeconds).append("s}\n");
            if (!r.peers().isEmpty()) {
                out.append("    peers:\n");
                for (String peer : r.peers()) {
                    out.append("      - address: ").append(peer).append('\n');
                }
            }
        }
        return out.toString();
    }
}
