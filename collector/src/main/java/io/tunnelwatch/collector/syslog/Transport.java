package io.tunnelwatch.collector.syslog;

import java.util.Locale;

/** How a syslog message arrived; the lower-case name is the {@code transport} label. */
public enum Transport {
    UDP,
    TCP,
    TLS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
