package io.tunnelwatch.streams.verdict;

import java.util.Locale;

/** How urgent an alert is; the {@code severity} label of the alert metrics. */
public enum Severity {
    /** The tunnel carries no traffic (or none one way). */
    CRITICAL,
    /** The tunnel works but something is degrading or unstable. */
    WARNING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
