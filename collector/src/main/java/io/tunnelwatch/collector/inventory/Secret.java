package io.tunnelwatch.collector.inventory;

import java.util.Objects;

/**
 * A credential (SNMP community, USM key) that must never reach a log line: {@link #toString} hides it, so records
 * holding one print safely. Only the SNMP client asks for the text, through {@link #reveal}.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The credential itself; for the SNMP client only. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
