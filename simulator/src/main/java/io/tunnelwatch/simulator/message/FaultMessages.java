package io.tunnelwatch.simulator.message;

import java.util.List;

/**
 * The IKE and IPsec failure texts of docs/cisco-sources.md#ike-and-ipsec-syslog-messages and
 * docs/cisco-sources.md#debug-crypto-lines the fault scenarios send: IOS messages where the
 * guide gives one ([V]/[T]), {@code debug crypto isakmp} lines where the evidence only shows in debug output
 * (routers that log debugs to syslog). Texts marked [U] there are written the way the facts describe them.
 */
public final class FaultMessages {

    private FaultMessages() {
    }

    /** Phase 1 sent and never answered: state held in {@code state}. */
    public static List<String> phaseOneRetransmits(String self, String peer, String state) {
        return List.of("ISAKMP (0:0): sending packet to " + peer + " my_port 500 peer_port 500 (I) " + state,
                "ISAKMP (0:0): retransmitting phase 1 " + state + "... peer " + peer);
    }

    /** Phase-1 policy refused. */
    public static List<String> proposalRefused(String peer) {
        return List.of("ISAKMP (0:0): received packet from " + peer + " dport 500 sport 500 Global (R) MM_NO_STATE",
                "ISAKMP (0:0): atts are not acceptable. Next payload is 0 (peer " + peer + ")",
                "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at " + peer);
    }

    /**
     * The initiator's side of a refused phase-1 policy: its MM1 is answered with a notify it cannot use, so it stays
     * in MM_NO_STATE, and the informational exchange fails ([T] template of IKMP_MODE_FAILURE, mode as seen on
     * routers whose peer refused the policy [U]).
     */
    public static List<String> proposalRefusedByPeer(String peer) {
        return List.of("ISAKMP (0:0): sending packet to " + peer + " my_port 500 peer_port 500 (I) MM_NO_STATE",
                "ISAKMP (0:0): received packet from " + peer + " dport 500 sport 500 Global (I) MM_NO_STATE",
                "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Informational mode failed with peer at " + peer);
    }

    /** Pre-shared keys differ: MM5 cannot be decrypted. */
    public static List<String> keyMismatch(String peer) {
        return List.of("ISAKMP (0:0): sending packet to " + peer + " my_port 500 peer_port 500 (I) MM_KEY_EXCH",
                "%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from " + peer + " failed its sanity check or is malformed");
    }

    /** {@code %CRYPTO-5-IPSEC_SETUP_FAILURE} with its {@code fail_reason}. */
    public static String ipsecSetupFailure(String self, String peer, String reason) {
        return "%CRYPTO-5-IPSEC_SETUP_FAILURE: IPSEC SETUP FAILED for local:" + self + " local_id:" + self
                + " remote:" + peer + " remote_id:" + peer + " IKE profile:None fvrf:None fail_reason:" + reason
                + " fail_class_cnt:1";
    }

    public static List<String> pfsMismatch(String self, String peer) {
        return List.of("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at " + peer,
                ipsecSetupFailure(self, peer, "PFS group mismatch"));
    }

    public static List<String> proxyIdentities(String self, String peer) {
        return List.of("IPSEC(validate_proposal_request): proxy identities not supported (peer " + peer + ")",
                ipsecSetupFailure(self, peer, "Received invalid proxy identities"));
    }

    /** {@code %CRYPTO-4-RECVD_PKT_MAC_ERR} [U]. */
    public static String macError(int connectionId) {
        return "%CRYPTO-4-RECVD_PKT_MAC_ERR: decrypt: mac verification failed for connection id=" + connectionId;
    }
}
