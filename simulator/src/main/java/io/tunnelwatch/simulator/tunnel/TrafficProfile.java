package io.tunnelwatch.simulator.tunnel;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Packets per second each way through a tunnel by simulated time of day: office hours (07:00 to 19:00 UTC) busy,
 * nights nearly idle (routing protocol hellos and the odd backup).
 */
public record TrafficProfile(double dayPacketsPerSecond, double nightPacketsPerSecond) {

    public static final TrafficProfile OFFICE = new TrafficProfile(200, 2);

    public TrafficProfile {
        if (dayPacketsPerSecond < 0 || nightPacketsPerSecond < 0) {
            throw new IllegalArgumentException("traffic rates must not be negative");
        }
    }

    public double packetsPerSecond(Instant simTime) {
        int hour = simTime.atZone(ZoneOffset.UTC).getHour();
        return hour >= 7 && hour < 19 ? dayPacketsPerSecond : nightPacketsPerSecond;
    }
}
