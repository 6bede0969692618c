package io.tunnelwatch.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One typed fact about a tunnel peer, parsed from a router's syslog line or SNMP notification; the value of
 * {@code tunnelwatch.events}, keyed by {@link PeerKey}.
 *
 * @param v          schema version of this record
 * @param kind       what happened
 * @param layer      the runbook layer it speaks of
 * @param device     inventory name, else origin-id hostname, else sender IP
 * @param peer       remote IKE peer address in canonical text form
 * @param ikeVersion IKE version when the message tells it
 * @param mnemonic   {@code FACILITY-SEVERITY-MNEMONIC} of the message, e.g. {@code CRYPTO-5-SESSION_STATUS}
 * @param severity   the syslog severity 0..7
 * @param fields     message fields by name (e.g. {@code peer_port}, {@code ike_id}, {@code fail_reason})
 * @param routerTime the router's own timestamp text, as sent; never used for ordering (clocks are often unsynced)
 * @param receivedAt when the collector received it; the record timestamp too
 * @param source     the sender's address
 * @param transport  udp, tcp, tls or snmp
 * @param text       the message text after the mnemonic, for evidence
 */
public record TunnelEvent(
        int v,
        EventKind kind,
        Layer layer,
        String device,
        String peer,
        IkeVersion ikeVersion,
        String mnemonic,
        int severity,
        Map<String, String> fields,
        String routerTime,
        Instant receivedAt,
        String source,
        String transport,
        String text) {

    public static final int VERSION = 1;

    public TunnelEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(receivedAt, "receivedAt");
        layer = layer == null ? kind.defaultLayer() : layer;
        ikeVersion = ikeVersion == null ? IkeVersion.UNKNOWN : ikeVersion;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    @JsonIgnore
    public PeerKey key() {
        return new PeerKey(device, peer);
    }
}
