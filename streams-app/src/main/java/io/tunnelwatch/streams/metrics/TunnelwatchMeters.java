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
            "Changelog records this instance has still to restore into its state stores before its tasks process");

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
}
