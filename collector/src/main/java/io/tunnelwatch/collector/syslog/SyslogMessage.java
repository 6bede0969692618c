package io.tunnelwatch.collector.syslog;

/**
 * One syslog line taken apart: the router's header fields and the Cisco message {@code %FAC-SEV-MNEM: text}.
 * Absent numeric fields are -1, absent text fields null.
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
 * @param text        the message text after {@code MNEMONIC:}, leading blanks removed
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

    /** {@code FACILITY-SEVERITY-MNEMONIC}, as Cisco documents it. */
    public String fullMnemonic() {
        return facility + "-" + severity + "-" + mnemonic;
    }
}
