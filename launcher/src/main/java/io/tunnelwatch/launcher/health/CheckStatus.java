package io.tunnelwatch.launcher.health;

import java.util.Objects;

/**
 * The answer of one readiness check: ready or not, and one line an operator reads ({@code "REBALANCING: partitions
 * are being assigned"}, {@code "udp 0.0.0.0:5514, tcp 0.0.0.0:5514"}).
 */
public record CheckStatus(boolean ready, String detail) {

    public CheckStatus {
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckStatus ready(String detail) {
        return new CheckStatus(true, detail);
    }

    public static CheckStatus notReady(String detail) {
        return new CheckStatus(false, detail);
    }
}
