package io.tunnelwatch.simulator.message;

import static io.tunnelwatch.events.IosXeMessages.render;

import java.util.Locale;

/**
 * The session, data-plane and interface texts the simulated routers send, rendered from the sourced table
 * ({@link io.tunnelwatch.events.IosXeMessages}); no message text lives here.
 */
public final class CryptoMessages {

    private CryptoMessages() {
    }

    /** {@code %CRYPTO-5-SESSION_STATUS} (IKEv1) or {@code IKEV2_SESSION_STATUS}; port 4500 means NAT-T. */
    public static String sessionStatus(boolean ikev2, boolean up, String peer, int port) {
        return render("session-" + (up ? "up" : "down") + (ikev2 ? "-v2" : "-v1"), "peer", peer, "port", port);
    }

    /** {@code %CRYPTO-4-RECVD_PKT_INV_SPI}: an ESP packet from {@code peer} with an SPI this router does not know. */
    public static String invalidSpi(String self, String peer, long spi, String inputInterface) {
        return render("invalid-spi", "self", self, "spi_hex", Long.toHexString(spi).toUpperCase(Locale.ROOT),
                "spi", spi, "peer", peer, "interface", inputInterface);
    }

    /** {@code %CRYPTO-4-PKT_REPLAY_ERR}. */
    public static String replayError(int connectionId, long sequenceNumber) {
        return render("replay-error", "connection", connectionId, "sequence", sequenceNumber);
    }

    /** {@code %SYS-5-CONFIG_I}: everyday noise that is not about crypto. */
    public static String configured() {
        return render("config-from-console");
    }

    /** {@code %LINEPROTO-5-UPDOWN} of a tunnel interface. */
    public static String tunnelLineProtocol(int tunnelId, boolean up) {
        return render(up ? "tunnel-lineproto-up" : "tunnel-lineproto-down", "tunnel", tunnelId);
    }
}
