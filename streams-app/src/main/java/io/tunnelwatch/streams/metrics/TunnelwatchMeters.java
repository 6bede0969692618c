package io.tunnelwatch.streams.metrics;

/**
 * Every meter of the streams app. The Prometheus names are fixed where rules and dashboards rely on them
 * ({@code tunnelwatch_peer_phase}); labels come from bounded sets (device, peer, phase, topic). The base unit, when
 * there is one, ends the Prometheus name ({@code tunnelwatch_streams_lag_records}).
 */
public enum TunnelwatchMeters {
    PEER_PHASE("tunnelwatch.peer.phase", null,
            "Phase of a tunnel peer: 0 unknown, 1 down, 2 IKE negotiating, 3 IKE up, 4 IPsec SA up, 5 passing traffic",
            "device", "peer"),
    PEER_ENCAPS("tunnelwatch.peer.encaps", "packets",
            "Packets the router encrypted and sent to the peer (cipSecTunOutPkts), the collector's per-SA deltas summed"
                    + " since this instance took the peer: a rekey or a Counter32 wrap never shows as a reset",
            "device", "peer"),
    PEER_DECAPS("tunnelwatch.peer.decaps", "packets",
            "Packets the router received from the peer and decrypted (cipSecTunInPkts), summed like the encaps",
            "device", "peer"),
    PEER_ERRORS("tunnelwatch.peer.errors", null,
            "IPsec errors on the peer's SAs, summed like the encaps: kind=drop cipSecTunInDropPkts + OutDropPkts,"
                    + " kind=crypto cipSecTunInReplayDropPkts + InAuthFails + InDecryptFails + OutEncryptFails",
            "device", "peer", "kind"),
    PEER_FACTS("tunnelwatch.peer.facts", null,
            "1 for every peer, what is known of its tunnel in labels: NAT-T in use (UDP 4500), the IKE version, the"
                    + " tunnel interface (unknown until a message names it), the ifMtu of that interface (the interface"
                    + " MTU, not ip mtu; unknown until a poll reads it); replaced when one of them changes",
            "device", "peer", "nat_t", "ike_version", "interface", "mtu"),
    PEERS_BY_PHASE("tunnelwatch.peers", null,
            "Peers owned by this instance, by phase", "phase"),
    PEER_ALERT("tunnelwatch.peer.alert", null,
            "1 while the alert is open on the peer (root cause, lowest broken layer); the series goes when it resolves",
            "device", "peer", "alert", "layer", "severity"),
    PEER_ALERT_DIAGNOSIS("tunnelwatch.peer.alert.diagnosis", null,
            "1 while the alert is open, its diagnosis in labels for the page: the summary, the cause in one sentence,"
                    + " the first commands with every value filled (one per line); replaced when the diagnosis changes",
            "device", "peer", "alert", "layer", "severity", "summary", "cause", "commands"),
    ALERTS_OPEN("tunnelwatch.alerts.open", null,
            "Open alerts on the peers owned by this instance, by alert and severity", "alert", "severity"),
    STREAMS_LAG("tunnelwatch.streams.lag", "records",
            "Records this instance has still to read from the topic: its consumers' lag summed over the partitions"
                    + " assigned to it", "topic"),
    STREAMS_RESTORE_REMAINING("tunnelwatch.streams.restore.remaining", "records",
            "Changelog records this instance has still to restore into its state stores before its tasks process"),
    RECORDS_REJECTED("tunnelwatch.records.rejected", null,
            "Input records skipped, by topic and reason: unreadable by the topic's serde, or readable but implausible"
                    + " (a time far from the wall clock, a negative counter, a field outside its domain)",
            "topic", "reason");

    private final String meterName;
    private final String baseUnit;
    private final String description;
    private final String[] tagKeys;

    TunnelwatchMeters(String meterName, String baseUnit, String description, String... tagKeys) {
        this.meterName = meterName;
        this.baseUnit = baseUnit;
        this.description = description;
        this.tagKeys = tagKeys;
    }

    public String meterName() {
        return meterName;
    }

    /** The unit Micrometer's Prometheus naming appends, or null for a plain number. */
    public String baseUnit() {
        return baseUnit;
    }

    public String description() {
        return description;
    }

    public java.util.List<String> tagKeys() {
        return java.util.List.of(tagKeys);
    }

    /**
     * The series this meter serves for each peer that has no open alert: the one place that counts them. 0 for a
     * fleet-wide meter and for the alert series, which exist only while an alert is open.
     */
    public int seriesPerPeer() {
        return switch (this) {
            case PEER_PHASE, PEER_ENCAPS, PEER_DECAPS, PEER_FACTS -> 1;
            case PEER_ERRORS -> PeerTrafficMetrics.ErrorKind.values().length;
            default -> 0;
        };
    }

    /**
     * Every series of one peer without an open alert, summed over the meters (6: phase, encaps, decaps, errors by
     * two kinds, facts). The scrape of a large fleet grows with it; keep it at 6 or fewer.
     */
    public static int seriesPerPeerWithoutAlert() {
        return java.util.Arrays.stream(values()).mapToInt(TunnelwatchMeters::seriesPerPeer).sum();
    }
}
