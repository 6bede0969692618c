package io.tunnelwatch.collector.snmp.poll;

import java.time.Duration;

/**
 * The physical bounds that decide whether a Counter32 that went down wrapped or belongs to a different SA: a wrap
 * adds {@code 2^32 - previous + current}, which is only believable when it is no more than the link could carry in
 * the time between the two walks.
 *
 * <p>The defaults fit one IPsec SA on IOS-XE: 10 Gbit/s of octets and 2 million packets per second. At those rates
 * a Counter32 of octets can wrap within 4 s, so a drop in an octet counter is nearly always a wrap, while a packet
 * counter cannot wrap inside a normal poll interval: a packet counter going down therefore means a new SA, which is
 * why the packet counters carry the replacement decision (see {@link SaRowDelta}).
 *
 * @param octetsPerSecond  the most octets one SA can move per second
 * @param packetsPerSecond the most packets (or packet errors) one SA can count per second
 * @param activeTimeSlack  tolerance when comparing cipSecTunActiveTime with the time between walks (agent and
 *                         collector clocks tick apart; the walk itself takes time)
 */
public record CounterLimits(long octetsPerSecond, long packetsPerSecond, Duration activeTimeSlack) {

    public static final CounterLimits DEFAULT = new CounterLimits(1_250_000_000L, 2_000_000L, Duration.ofSeconds(5));

    public CounterLimits {
        if (octetsPerSecond <= 0 || packetsPerSecond <= 0 || activeTimeSlack.isNegative()) {
            throw new IllegalArgumentException("counter limits must be positive");
        }
    }
}
