package io.tunnelwatch.collector.syslog;

import java.util.Locale;

/** How a syslog message arrived; the lower-case name is the {@code transport} label. */
public enum Transport {
    UDP,
    TCP,
    TLS;

    /** Made once: labels are asked for on every line. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
