package io.tunnelwatch.simulator.tunnel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A router's record of failed negotiations, as CISCO-IPSEC-FLOW-MONITOR-MIB keeps it: cikeFailTable (phase 1) and
 * cipSecFailTable (phase 2), each a sliding window of the last {@link #WINDOW} failures indexed from 1, one more per
 * failure. Written by the scenario's thread, read by the agents': thread-safe, reads are copies.
 */
public final class FailureHistory {

    /** cipSecFailTableSize: how many failures each table keeps. */
    public static final int WINDOW = 200;

    /**
     * One failure.
     *
     * @param index  cikeFailIndex or cipSecFailIndex
     * @param reason the cikeFailReason or cipSecFailReason value
     * @param local  the router's address (phase 1: cikeFailLocalAddr; phase 2: the packet's destination)
     * @param remote the peer's address (phase 1: cikeFailRemoteAddr; phase 2: the packet's source)
     */
    public record Failure(int index, int reason, Instant at, String local, String remote) {
    }

    private final ArrayDeque<Failure> phaseOne = new ArrayDeque<>();
    private final ArrayDeque<Failure> phaseTwo = new ArrayDeque<>();
    private int nextPhaseOne = 1;
    private int nextPhaseTwo = 1;

    public synchronized void phaseOneFailed(int reason, String local, String remote, Instant at) {
        add(phaseOne, new Failure(nextPhaseOne++, reason, at, local, remote));
    }

    public synchronized void phaseTwoFailed(int reason, String local, String remote, Instant at) {
        add(phaseTwo, new Failure(nextPhaseTwo++, reason, at, local, remote));
    }

    public synchronized List<Failure> phaseOne() {
        return List.copyOf(phaseOne);
    }

    public synchronized List<Failure> phaseTwo() {
        return List.copyOf(phaseTwo);
    }

    private static void add(ArrayDeque<Failure> window, Failure f) {
        window.addLast(f);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
    }
}
