package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.verdict.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the two ends of a tunnel say together, when both routers are monitored
 * (docs/architecture.md#detectors-and-alerts): this
 * end's last {@code flatSamples} polls against the far end's. One end's encaps are the other's decaps, so packets
 * that leave one end and never decapsulate at the other are lost in that direction, whichever end looks. Pure; the
 * far end's report comes from {@link PeerState#farEnd()}.
 *
 * @param near this end's sums over its last polls
 * @param far  the far end's sums over its last polls
 */
public record BothEnds(String nearDevice, String farDevice, Sums near, Sums far) {

    /** How long after the far end's new SAs an invalid SPI here is blamed on that rekey (IOS logs it once a minute). */
    static final Duration REKEY_WINDOW = Duration.ofMinutes(2);
    /**
     * How much longer than this end's own polls the far end's report may take to reach this end's tracker: it crosses
     * the far end's tracker, {@code tunnelwatch.tunnel-ends}, the pair joiner and {@code tunnelwatch.far-ends}, two
     * exactly-once commits more than a poll of this end (docs/architecture.md#timers-and-late-inputs).
     */
    public static final Duration FAR_END_LATENESS = Duration.ofSeconds(5);
    private static final Pattern SPI = Pattern.compile("spi=(0x[0-9A-Fa-f]+)");

    /** One end's last polls: packets each way, and whether each direction rose (or stayed flat) in every poll. */
    record Sums(long encaps, long decaps, boolean encapsRising, boolean encapsFlat, boolean decapsRising,
                boolean decapsFlat) {

        /** Whether each direction rose in every poll or stayed flat in every poll: no change of traffic within. */
        boolean steady() {
            return (encapsRising || encapsFlat) && (decapsRising || decapsFlat);
        }

        /** Null when fewer than {@code n} polls are known or one of them had no SA. */
        static Sums of(List<CounterDelta> d, int n) {
            if (d.size() < n) {
                return null;
            }
            List<CounterDelta> last = d.subList(d.size() - n, d.size());
            if (last.stream().anyMatch(x -> x.saCount() == 0)) {
                return null;
            }
            return new Sums(last.stream().mapToLong(CounterDelta::encaps).sum(),
                    last.stream().mapToLong(CounterDelta::decaps).sum(),
                    last.stream().allMatch(x -> x.encaps() > 0), last.stream().allMatch(x -> x.encaps() == 0),
                    last.stream().allMatch(x -> x.decaps() > 0), last.stream().allMatch(x -> x.decaps() == 0));
        }
    }

    /**
     * Both ends' last polls, when the far end is a monitored router that reported within {@code messageWindow};
     * empty when only one end is monitored, or either lacks polls, or this end's own tunnel interface is down: that
     * explains what the far end sees (TunnelInterfaceDown says so), and a traffic alert drawn from it would outrank
     * the real cause.
     */
    static Optional<BothEnds> of(PeerState s, DetectorSettings settings, Instant now) {
        TunnelEnd far = s.farEnd();
        if (far == null || far.recentDeltas().isEmpty() || (s.tunnel() != null && !s.tunnel().up())) {
            return Optional.empty();
        }
        Instant farLast = far.recentDeltas().get(far.recentDeltas().size() - 1).at();
        if (farLast.isBefore(now.minus(settings.messageWindow()))) {
            return Optional.empty();
        }
        Sums near = Sums.of(s.recentDeltas(), settings.flatSamples());
        Sums farSums = Sums.of(far.recentDeltas(), settings.flatSamples());
        return near == null || farSums == null ? Optional.empty()
                : Optional.of(new BothEnds(s.device(), far.device(), near, farSums));
    }

    /**
     * Until when a one-way picture of this end waits for the far end's polls, or empty when it need not wait: the far
     * end is a monitored router that polls, its polls do not yet cover this end's last {@code flatSamples} polls, and
     * no alert of {@code type} is open yet. Judged before the far end catches up, the cause would depend on which end's
     * poll reached the tracker first (one end alone says "one-way", both together say where the traffic goes missing).
     * Covering takes a far end poll at least as new as this end's newest, and a far end window that either shows no
     * change of traffic within ({@link Sums#steady()}) or began no earlier than this end's. The second matters when
     * the routers are polled at the same moment: a fault that begins between the two walks of one round leaves one
     * poll of old traffic in the far end's window, however new its newest poll is; its next poll settles it. (Asking
     * every far end window to begin after this end's would make a stall wait for two rounds in the same order, often
     * several.) When the far end has not caught up {@link #FAR_END_LATENESS} and two of this end's poll intervals
     * after this end's newest poll (at most {@code messageWindow}), it counts as not reporting and this end's own
     * counters decide.
     */
    static Optional<Instant> awaitFarEnd(PeerState s, AlertType type, DetectorSettings settings, Instant now) {
        TunnelEnd far = s.farEnd();
        List<CounterDelta> near = s.recentDeltas();
        if (far == null || far.recentDeltas().isEmpty() || near.isEmpty()
                || (s.openAlert() != null && s.openAlert().type() == type)
                || (s.tunnel() != null && !s.tunnel().up())) {
            return Optional.empty();
        }
        List<CounterDelta> farDeltas = far.recentDeltas();
        Instant nearLast = near.get(near.size() - 1).at();
        Instant farLast = farDeltas.get(farDeltas.size() - 1).at();
        Sums farSums = Sums.of(farDeltas, settings.flatSamples());
        boolean covered = !farLast.isBefore(nearLast) && (farSums == null || farSums.steady()
                || !windowStart(farDeltas, settings.flatSamples()).isBefore(windowStart(near, settings.flatSamples())));
        Duration wait = settings.messageWindow();
        if (near.size() > 1) {
            Duration patience = Duration.between(near.get(near.size() - 2).at(), nearLast).multipliedBy(2)
                    .plus(FAR_END_LATENESS);
            wait = patience.compareTo(wait) < 0 ? patience : wait;
        }
        Instant until = nearLast.plus(wait);
        return !covered && now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /**
     * When one end's last {@code n} polls began: the time of the poll before them; when none is kept (the end's first
     * polls), one poll interval before the first of them.
     */
    private static Instant windowStart(List<CounterDelta> d, int n) {
        int first = Math.max(0, d.size() - n);
        if (first > 0) {
            return d.get(first - 1).at();
        }
        Instant at = d.get(0).at();
        return d.size() < 2 ? at : at.minus(Duration.between(at, d.get(1).at()));
    }

    /** The direction(s) in which packets leave one end and the other decapsulates none. */
    Optional<String> loss() {
        boolean nearToFar = near.encapsRising() && far.decapsFlat();
        boolean farToNear = far.encapsRising() && near.decapsFlat();
        if (nearToFar && farToNear) {
            return Optional.of("packets leave both ends (" + nearDevice + " encaps +" + near.encaps() + ", "
                    + farDevice + " encaps +" + far.encaps() + ") but neither decapsulates any: ESP is lost both"
                    + " ways on the path");
        }
        if (nearToFar) {
            return Optional.of(lost(nearDevice, farDevice, near.encaps()));
        }
        return farToNear ? Optional.of(lost(farDevice, nearDevice, far.encaps())) : Optional.empty();
    }

    /** This end sends, the far end decapsulates it but encrypts nothing back: the return traffic is missing there. */
    Optional<String> returnMissingAtFar() {
        return near.encapsRising() && near.decapsFlat() && far.decapsRising() && far.encapsFlat()
                ? Optional.of(returnMissing(farDevice, nearDevice, far.decaps())) : Optional.empty();
    }

    /** The far end sends, this end decapsulates it but encrypts nothing back: the return traffic is missing here. */
    Optional<String> returnMissingHere() {
        return far.encapsRising() && far.decapsFlat() && near.decapsRising() && near.encapsFlat()
                ? Optional.of(returnMissing(nearDevice, farDevice, near.decaps())) : Optional.empty();
    }

    /** One evidence line: the far end's polls beside this end's. */
    String line(int polls) {
        return "both ends over their last " + polls + " polls: " + nearDevice + " encaps +" + near.encaps()
                + " decaps +" + near.decaps() + ", " + farDevice + " encaps +" + far.encaps() + " decaps +"
                + far.decaps();
    }

    /**
     * The SPI desync an invalid-SPI message here shows when the far end set up new SAs shortly before, e.g.
     * {@code rtr-b received SPI 0x9E6D41B7 from rtr-a 3 s after rtr-a's rekey}; empty otherwise.
     */
    static Optional<String> rekeyDesync(PeerState s, Evidence invalidSpi) {
        TunnelEnd far = s.farEnd();
        if (far == null || far.lastRekeyAt() == null) {
            return Optional.empty();
        }
        Duration gap = Duration.between(far.lastRekeyAt(), invalidSpi.at());
        if (gap.isNegative() || gap.compareTo(REKEY_WINDOW) > 0) {
            return Optional.empty();
        }
        Matcher spi = SPI.matcher(invalidSpi.text() == null ? "" : invalidSpi.text());
        return Optional.of(s.device() + " received SPI " + (spi.find() ? spi.group(1) : "(unknown)") + " from "
                + far.device() + " " + gap.toSeconds() + " s after " + far.device() + "'s rekey ("
                + far.lastRekeyKind() + " at " + far.lastRekeyAt() + ")");
    }

    private static String lost(String from, String to, long encaps) {
        return from + "→" + to + " packets leave " + from + " (encaps +" + encaps + ") but " + to
                + " decapsulates none: loss in the path " + from + "→" + to + " or " + to + " drops them";
    }

    private static String returnMissing(String at, String sender, long decaps) {
        return at + " decapsulates " + sender + "'s packets (decaps +" + decaps + ") but encrypts nothing back"
                + " (encaps +0): the return traffic is missing at " + at + " (its routing or crypto ACL), not lost"
                + " on the path";
    }
}
