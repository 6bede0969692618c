package io.tunnelwatch.collector.parse;


/**
 * One syslog line taken apart: the router's header fields and the Cisco message {@code %FAC-SEV-MNEM: text}.
 * Absent numeric fields are -1, absent text fields null.
 *
 * <p>A {@code debug crypto isakmp|ikev2|ipsec} line (docs/cisco-sources.md#debug-crypto-lines) carries no {@code
 * %FAC-SEV-MNEM:}; it is
 * given the facility {@link #DEBUG_FACILITY}, severity {@link #DEBUG_SEVERITY} and a mnemonic named after its
 * first word ({@code ISAKMP}, {@code ISAKMP_ERROR}, {@code IKEV2}, {@code IKEV2_ERROR}, {@code IPSEC},
 * {@code CRYPTO}); its text is the whole line after the header, first word included.
 *
 * @param pri         the router's PRI (the innermost one when a relay wrapped the line), or -1
 * @param counter     the message counter IOS puts first ({@code 123:}), or -1
 * @param originId    {@code logging origin-id} token (hostname, IP or string), or null
 * @param sequence    {@code service sequence-numbers} number, or -1
 * @param syncMark    {@code '*'} clock not authoritative, {@code '.'} lost sync, or {@code ' '} synced / unknown
 * @param routerTime  the router's timestamp text without the sync mark, or null
 * @param relayHost   the HOSTNAME a relay's RFC 3164/5424 header named, or null
 * @param facility    the Cisco facility, e.g. {@code CRYPTO} (may hold a {@code -SUB} part)
 * @param severity    the digit of {@code %FAC-SEV-MNEM}
 * @param mnemonic    e.g. {@code SESSION_STATUS}
 * @param text        the message text after {@code MNEMONIC:}, leading blanks removed (debug lines: from the first
 *                    word on)
 */
public record SyslogMessage(
        int pri,
        long counter,
        String originId,
        long sequence,
        char syncMark,
        String routerTime,
        String relayHost,
        String facility,
        int severity,
        String mnemonic,
        String text) {

    /** The facility given to {@code debug crypto} lines; no Cisco facility has this name. */
    public static final String DEBUG_FACILITY = "DEBUG";

    /** Debug lines are logged at severity 7 (debugging). */
    public static final int DEBUG_SEVERITY = 7;

    /** Whether this is a {@code debug crypto} line rather than a {@code %FAC-SEV-MNEM:} message. */
    public boolean isDebug() {
        return DEBUG_FACILITY.equals(facility);
    }

    /** {@code FACILITY-SEVERITY-MNEMONIC}, as Cisco documents it. */
    public String fullMnemonic() {
        return FullMnemonics.of(facility, severity, mnemonic);
    }
}
