package io.tunnelwatch.collector.snmp;

/** A walk that did not complete; {@link #reason} is a bounded label (timeout, error, report). */
public final class SnmpPollException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String reason;

    public SnmpPollException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
