package io.tunnelwatch.events;

import java.util.Locale;

/**
 * The IKE SA state of a peer, as IOS-XE names it (docs/runbook.md#ike-layer): IKEv1 main mode MM_NO_STATE → MM_SA_SETUP
 * →
 * MM_KEY_EXCH → MM_ACTIVE / QM_IDLE, IKEv2 INIT-SA → IN-NEG → READY, DELETED. {@link #NO_SA} is ours: the session is
 * known to be down and no negotiation is visible.
 */
public enum IkeState {
    UNKNOWN,
    NO_SA,
    MM_NO_STATE,
    MM_SA_SETUP,
    MM_KEY_EXCH,
    MM_ACTIVE,
    QM_IDLE,
    INIT_SA,
    IN_NEG,
    READY,
    DELETED;

    /** Reads the state text of a debug line ({@code MM_KEY_EXCH}, {@code INIT-SA}, {@code READY}); UNKNOWN otherwise. */
    public static IkeState parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (IkeState s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** Phase 1 is up (MM_ACTIVE, QM_IDLE, READY). */
    public boolean isUp() {
        return this == MM_ACTIVE || this == QM_IDLE || this == READY;
    }

    /**
     * The first message went out and nothing came back yet: the underlay's question (docs/runbook.md#underlay-layer).
     */
    public boolean isAwaitingFirstAnswer() {
        return this == MM_NO_STATE || this == INIT_SA;
    }

    /** The peers talk but phase 1 is not done: proposals or authentication (docs/runbook.md#ike-layer). */
    public boolean isMidNegotiation() {
        return this == MM_SA_SETUP || this == MM_KEY_EXCH || this == IN_NEG;
    }

    /** The state to assume when a negotiation is visible but its exact state is not. */
    public static IkeState negotiating(IkeVersion version) {
        return version == IkeVersion.IKEV2 ? IN_NEG : MM_SA_SETUP;
    }

    /** The state to assume when a message says phase 1 is up without naming the state. */
    public static IkeState established(IkeVersion version) {
        return version == IkeVersion.IKEV2 ? READY : QM_IDLE;
    }
}
