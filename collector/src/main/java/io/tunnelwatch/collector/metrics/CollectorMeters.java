package io.tunnelwatch.collector.metrics;

/**
 * Every meter of the collector: Micrometer name (Prometheus adds {@code _total} to counters), description and tag
 * keys. Tag values come from bounded sets: transport (udp, tcp, tls), reason (a fixed enum per meter), topic.
 */
public enum CollectorMeters {
    SYSLOG_RECEIVED("tunnelwatch.syslog.received", "Syslog messages received", "transport"),
    SYSLOG_PARSED("tunnelwatch.syslog.parsed", "Syslog messages turned into tunnel events", "transport"),
    SYSLOG_IGNORED("tunnelwatch.syslog.ignored",
            "Syslog messages parsed but not about crypto (other facilities)", "transport"),
    SYSLOG_UNPARSED("tunnelwatch.syslog.unparsed", "Syslog messages that could not be parsed, by reason",
            "transport", "reason"),
    SYSLOG_DROPPED("tunnelwatch.syslog.dropped", "Syslog messages dropped before Kafka, by reason",
            "transport", "reason"),
    SYSLOG_CONNECTIONS_OPEN("tunnelwatch.syslog.connections.open", "Open syslog connections", "transport"),
    SYSLOG_CONNECTIONS_ACCEPTED("tunnelwatch.syslog.connections.accepted", "Syslog connections accepted",
            "transport"),
    SYSLOG_CONNECTIONS_REJECTED("tunnelwatch.syslog.connections.rejected",
            "Syslog connections closed at once because the connection limit was reached", "transport"),
    SYSLOG_CONNECTIONS_CLOSED_IDLE("tunnelwatch.syslog.connections.closed.idle",
            "Syslog connections closed after the idle timeout", "transport"),
    SYSLOG_TLS_HANDSHAKE_FAILURES("tunnelwatch.syslog.tls.handshake.failures",
            "Syslog TLS handshakes that failed (no or untrusted client certificate, protocol mismatch, not TLS)"),
    SYSLOG_UNKNOWN_SENDERS("tunnelwatch.syslog.unknown.senders",
            "Syslog messages from senders the inventory does not list (accepted, or dropped with"
                    + " --reject-unknown-senders)"),
    SYSLOG_LOST("tunnelwatch.syslog.lost",
            "Syslog messages a router numbered (service sequence-numbers) that never arrived", "device"),
    SYSLOG_SEQUENCE_RESTARTS("tunnelwatch.syslog.sequence.restarts",
            "Times a router's sequence numbers started over (reload or wrap)", "device"),
    SYSLOG_UNTIED("tunnelwatch.syslog.untied",
            "Events naming a tunnel interface or routing neighbour that nothing ties to a peer (published"
                    + " device-wide), by reason", "reason"),
    SYSLOG_RAW_DROPPED("tunnelwatch.syslog.raw.dropped",
            "Raw copies of non-crypto lines not handed to Kafka, by reason", "reason"),
    KAFKA_PUBLISHED("tunnelwatch.kafka.published", "Records acknowledged by Kafka", "topic"),
    KAFKA_FAILED("tunnelwatch.kafka.failed", "Records Kafka did not take, by reason", "topic", "reason"),
    PUBLISH_QUEUE_DEPTH("tunnelwatch.publish.queue.depth", "Records waiting for the Kafka producer thread"),
    PUBLISH_QUEUE_CAPACITY("tunnelwatch.publish.queue.capacity", "Bound of the publish queue"),
    UDP_BACKLOG("tunnelwatch.syslog.udp.backlog",
            "Datagrams received on a UDP socket and not yet parsed, by reader", "reader"),
    SNMP_TRAPS("tunnelwatch.snmp.traps", "SNMP notifications received, by notification type and outcome",
            "type", "outcome"),
    SNMP_POLLS("tunnelwatch.snmp.polls", "Device polls, by outcome", "outcome"),
    SNMP_POLL_DURATION("tunnelwatch.snmp.poll.duration", "Time from the first request of a poll to its last answer"),
    SNMP_ROWS_WALKED("tunnelwatch.snmp.rows.walked", "Table rows read by polls", "table"),
    SNMP_POLLS_IN_FLIGHT("tunnelwatch.snmp.polls.in.flight", "Polls started and not finished"),
    SNMP_SAMPLES_DROPPED("tunnelwatch.snmp.samples.dropped", "Counter samples the sink did not take"),
    SNMP_FAILURE_ROWS("tunnelwatch.snmp.failure.rows",
            "Rows a device added to cikeFailTable or cipSecFailTable since the last poll, by table, reason and outcome",
            "table", "reason", "outcome"),
    SPOOL_BYTES("tunnelwatch.spool.bytes", "Bytes of the on-disk spool's segment files", "topic"),
    SPOOL_RECORDS_SPOOLED("tunnelwatch.spool.records.spooled",
            "Records written to the on-disk spool while Kafka did not acknowledge", "topic"),
    SPOOL_REPLAYED("tunnelwatch.spool.replayed", "Spooled records replayed into Kafka and acknowledged", "topic"),
    SPOOL_DROPPED("tunnelwatch.spool.dropped",
            "Records the spool lost or refused, by reason (spool_full, torn_tail, corrupt)", "topic", "reason");

    private final String meterName;
    private final String description;
    private final String[] tagKeys;

    CollectorMeters(String meterName, String description, String... tagKeys) {
        this.meterName = meterName;
        this.description = description;
        this.tagKeys = tagKeys;
    }

    public String meterName() {
        return meterName;
    }

    public String description() {
        return description;
    }

    public java.util.List<String> tagKeys() {
        return java.util.List.of(tagKeys);
    }
}
