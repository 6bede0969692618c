package io.tunnelwatch.simulator.router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * One simulated IOS-XE router: its name, the address it sends from, its tunnel peers, the header style it is
 * configured with, and the counters IOS keeps (message counter, sequence number). Not thread-safe: one sender
 * thread owns a router.
 */
public final class SimulatedRouter {

    /** local7, the IOS default facility: PRI = 184 + severity. */
    private static final int LOCAL7 = 184;

    private final String name;
    private final String address;
    private final List<String> peers;
    private final HeaderStyle style;
    private final Clock clock;
    private final Instant bootedAt;
    private long counter;
    private long sequence;

    public SimulatedRouter(String name, String address, List<String> peers, HeaderStyle style, Clock clock,
                           Duration uptime) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.peers = List.copyOf(peers);
        this.style = Objects.requireNonNull(style, "style");
        this.clock = clock;
        this.bootedAt = clock.instant().minus(uptime);
    }

    public String name() {
        return name;
    }

    /** The address its syslog comes from (and, later, its SNMP agent answers on). */
    public String address() {
        return address;
    }

    public List<String> peers() {
        return peers;
    }

    public HeaderStyle style() {
        return style;
    }

    /**
     * The next syslog line of this router, as it would put it on the wire.
     *
     * @param message a Cisco message, {@code %FAC-SEV-MNEM: text}, whose severity digit sets the PRI
     */
    public String line(String message) {
        counter++;
        sequence++;
        int severity = severityOf(message);
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder(64 + message.length());
        style.append(out, LOCAL7 + severity, counter, name, sequence, now.atZone(ZoneOffset.UTC),
                Duration.between(bootedAt, now).toSeconds());
        return out.append(message).toString();
    }

    /**
     * A router configured as this one, with its boot time, whose message counter and sequence number start from
     * zero: lines rendered from it leave this one's untouched.
     */
    public SimulatedRouter twin() {
        return new SimulatedRouter(name, address, peers, style, clock, Duration.between(bootedAt, clock.instant()));
    }

    /** The sequence number of the last line sent. */
    public long lastSequence() {
        return sequence;
    }

    /**
     * Whether {@code message} is {@code debug crypto} output rather than a {@code %FAC-SEV-MNEM:} message: IOS sends
     * debug output to syslog at severity 7 (debugging), so a router at {@code logging trap informational} never sends
     * it.
     */
    public static boolean isDebugOutput(String message) {
        return !message.startsWith("%");
    }

    private static int severityOf(String message) {
        if (isDebugOutput(message)) {
            return 7;
        }
        int dash = message.indexOf('-');
        while (dash >= 0 && dash + 2 < message.length()) {
            char c = message.charAt(dash + 1);
            if (c >= '0' && c <= '7' && message.charAt(dash + 2) == '-') {
                return c - '0';
            }
            dash = message.indexOf('-', dash + 1);
        }
        return 5;
    }
}
