package io.tunnelwatch.streams.peer;

import java.time.Instant;

/**
 * One compact line of what was seen about a peer, kept in {@link PeerState#recentEvents()} and quoted by alerts
 * (docs/runbook.md#how-to-work-an-alert: every alert says what was seen).
 *
 * @param kind     the event kind name
 * @param mnemonic the message mnemonic (e.g. {@code CRYPTO-5-SESSION_STATUS}), or null for a trap without one
 * @param text     the message text, cut to {@link #MAX_TEXT} characters
 */
public record Evidence(Instant at, String kind, String mnemonic, String text) {

    public static final int MAX_TEXT = 160;

    public Evidence {
        if (text != null && text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
    }

    /** One line for an alert: time, mnemonic or kind, text. */
    public String line() {
        return at + " " + (mnemonic != null ? mnemonic : kind) + (text == null || text.isEmpty() ? "" : " " + text);
    }
}
