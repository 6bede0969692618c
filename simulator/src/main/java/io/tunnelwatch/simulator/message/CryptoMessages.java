package io.tunnelwatch.simulator.message;

/**
 * The texts of the IOS-XE crypto messages the simulated routers send, as
 * docs/cisco-sources.md#ike-and-ipsec-syslog-messages gives them, with the
 * two spaces IOS puts between fields of SESSION_STATUS.
 */
public final class CryptoMessages {

    private CryptoMessages() {
    }

    /** {@code %CRYPTO-5-SESSION_STATUS} (IKEv1) or {@code IKEV2_SESSION_STATUS}; port 4500 means NAT-T. */
    public static String sessionStatus(boolean ikev2, boolean up, String peer, int port) {
        String state = up ? "UP" : "DOWN";
        String head = ikev2 ? "%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is " : "%CRYPTO-5-SESSION_STATUS: Crypto tunnel is ";
        return head + state + ".  Peer " + peer + ":" + port + "  Id: " + peer;
    }

    /** {@code %CRYPTO-4-RECVD_PKT_INV_SPI}: an ESP packet from {@code peer} with an SPI this router does not know. */
    public static String invalidSpi(String self, String peer, long spi, String inputInterface) {
        return "%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=" + self
                + ", prot=50, spi=0x" + Long.toHexString(spi).toUpperCase(java.util.Locale.ROOT) + "(" + spi
                + "), srcaddr=" + peer + ", input interface=" + inputInterface;
    }

    /** {@code %CRYPTO-4-PKT_REPLAY_ERR}. */
    public static String replayError(int connectionId, long sequenceNumber) {
        return "%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=" + connectionId
                + ", sequence number=" + sequenceNumber;
    }

    /** {@code %SYS-5-CONFIG_I}: everyday noise that is not about crypto. */
    public static String configured(String user) {
        return "%SYS-5-CONFIG_I: Configured from console by " + user + " on vty0";
    }

    /** {@code %LINEPROTO-5-UPDOWN} of a tunnel interface. */
    public static String tunnelLineProtocol(int tunnelId, boolean up) {
        return "%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel" + tunnelId + ", changed state to "
                + (up ? "up" : "down");
    }
}
