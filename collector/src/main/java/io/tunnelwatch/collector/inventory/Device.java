package io.tunnelwatch.collector.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One router of the inventory.
 *
 * @param name            the device label everywhere (keys, metrics, alerts)
 * @param addresses       its syslog/trap source addresses, canonical; the first is the SNMP target
 * @param sourceInterface the interface its tunnels are sourced from (runbook commands), or null
 * @param snmp            how to poll it, or null when it is not polled
 * @param peers           the peers it is expected to have
 */
public record Device(String name, List<String> addresses, String sourceInterface, SnmpCredentials snmp,
                     List<ExpectedPeer> peers) {

    public Device {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        peers = List.copyOf(peers);
    }

    /** The expected peer whose SVTI is {@code interfaceName} (any IOS spelling: {@code Tunnel7}, {@code Tu7}). */
    public Optional<ExpectedPeer> peerOnTunnel(String interfaceName) {
        String tunnel = TunnelNames.canonical(interfaceName);
        if (tunnel == null) {
            return Optional.empty();
        }
        return peers.stream().filter(p -> tunnel.equals(p.tunnel())).findFirst();
    }

    /** The expected peer whose {@code routingNeighbors} hold {@code neighbor}, when exactly one does. */
    public Optional<ExpectedPeer> peerReaching(String neighbor) {
        List<ExpectedPeer> reaching = peers.stream().filter(p -> p.reaches(neighbor)).limit(2).toList();
        return reaching.size() == 1 ? Optional.of(reaching.get(0)) : Optional.empty();
    }
}
