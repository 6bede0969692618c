package io.tunnelwatch.simulator.message;

import static io.tunnelwatch.events.IosXeMessages.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The IKE and IPsec failure texts the fault scenarios send, rendered from the sourced table
 * ({@link io.tunnelwatch.events.IosXeMessages}). Each method takes the IKE family of the router that logs: an IKEv2
 * router never logs IKEv1 (IKMP, ISAKMP) texts, and where no sourced IKEv2 text exists for a fault it logs nothing
 * (the fault then shows only in session status, SNMP rows and counters).
 */
public final class FaultMessages {

    private FaultMessages() {
    }

    /** Phase 1 sent and never answered: state held in {@code state} ({@code debug crypto isakmp} only). */
    public static List<String> phaseOneRetransmits(boolean ikev2, String peer, String state) {
        if (ikev2) {
            return List.of();
        }
        return List.of(render("isakmp-sending", "peer", peer, "state", state), render("isakmp-retransmit"));
    }

    /** Phase-1 policy refused by this router. */
    public static List<String> proposalRefused(boolean ikev2, String peer) {
        if (ikev2) {
            return List.of();
        }
        return List.of(render("isakmp-received", "peer", peer, "role", "R", "state", "MM_NO_STATE"),
                render("isakmp-atts-not-acceptable"), render("ikmp-main-mode-failure", "peer", peer));
    }

    /** The initiator's side of a refused phase-1 policy: it stays in MM_NO_STATE, the informational exchange fails. */
    public static List<String> proposalRefusedByPeer(boolean ikev2, String peer) {
        if (ikev2) {
            return List.of();
        }
        return List.of(render("isakmp-sending", "peer", peer, "state", "MM_NO_STATE"),
                render("isakmp-received", "peer", peer, "role", "I", "state", "MM_NO_STATE"),
                render("ikmp-informational-mode-failure", "peer", peer));
    }

    /** Pre-shared keys differ: MM5 cannot be decrypted. */
    public static List<String> keyMismatch(boolean ikev2, String peer) {
        if (ikev2) {
            return List.of();
        }
        return List.of(render("isakmp-sending", "peer", peer, "state", "MM_KEY_EXCH"),
                render("ikmp-bad-message", "peer", peer));
    }

    /** {@code %CRYPTO-5-IPSEC_SETUP_FAILURE} with the one published {@code fail_reason}, IPSec Proposal failure. */
    public static String ipsecProposalFailure(String self, String peer) {
        return render("ipsec-proposal-failure", "self", self, "peer", peer, "profile", "None", "count", 1);
    }

    /**
     * PFS groups differ: IKEv1 quick mode fails ([T] IKMP_MODE_FAILURE). No published IOS-XE text names the PFS
     * group, so the cause is not in any line; an IKEv2 router logs nothing sourced for it.
     */
    public static List<String> pfsMismatch(boolean ikev2, String peer) {
        return ikev2 ? List.of() : List.of(render("ikmp-quick-mode-failure", "peer", peer));
    }

    /**
     * Crypto ACLs not mirror images: quick mode fails; {@code debug crypto ipsec} names the proxy identities right
     * after {@code debug crypto isakmp} logged the quick-mode packet that carried them (the order of IOS's debug
     * output for this failure: the received packet, then the proposal's validation).
     */
    public static List<String> proxyIdentities(boolean ikev2, String peer) {
        if (ikev2) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(render("isakmp-received", "peer", peer, "role", "R", "state", "QM_IDLE"));
        lines.add(render("ipsec-proxy-identities"));
        lines.add(render("ikmp-quick-mode-failure", "peer", peer));
        return lines;
    }

    /** {@code %CRYPTO-4-RECVD_PKT_MAC_ERR} [U]. */
    public static String macError(int connectionId) {
        return render("mac-error", "connection", connectionId);
    }
}
