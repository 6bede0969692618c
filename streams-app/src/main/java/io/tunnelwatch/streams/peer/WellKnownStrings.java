package io.tunnelwatch.streams.peer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings a peer state or a timeline holds most often (enum constant names, the commonest mnemonics), which the
 * current binary form ({@link BinaryOutput}) writes as an index into this list instead of their text: the first 32
 * take one byte. The list is part of the records' format: it is never changed, only a new layout may bring another.
 * A string missing from it (a constant added later) is written as text, as any other.
 */
final class WellKnownStrings {

    static final List<String> LIST = List.of(
            // 0–31, one byte each: phases, IKE versions and the usual SA states, the commonest event kinds, the
            // timeline's kinds, the session mnemonics and the alerts of the usual incidents
            "UNKNOWN", "DOWN", "IKE_NEGOTIATING", "IKE_UP", "IPSEC_UP", "PASSING_TRAFFIC",
            "IKEV1", "IKEV2", "NO_SA", "UP", "READY", "QM_IDLE", "MM_ACTIVE",
            "SESSION_UP", "SESSION_DOWN", "IKE_SA_UP", "IKE_SA_DOWN", "IPSEC_SA_UP", "IPSEC_SA_DOWN", "IKE_NEW_SA",
            "IKE_SA_EXPIRED", "PHASE", "OPENED", "RESOLVED", "CRYPTO-5-SESSION_STATUS",
            "CRYPTO-5-IKEV2_SESSION_STATUS", "IKE_STATE", "IKE_RETRANSMIT", "INVALID_SPI", "DECAPS_STALLED",
            "ENCAPS_STALLED", "PEER_UNREACHABLE",
            // two bytes each
            "MM_NO_STATE", "MM_SA_SETUP", "MM_KEY_EXCH", "INIT_SA", "IN_NEG", "DELETED",
            "IKE_PROPOSAL_REJECTED", "IKE_PROPOSAL_ACCEPTED", "IKE_ATTRIBUTES_NOT_OFFERED", "IKE_AUTH_FAILED",
            "IKE_BAD_MESSAGE", "IKE_NOT_ENCRYPTED", "IKE_NO_SA", "IKE_MODE_FAILURE", "IKE_AGGRESSIVE_MODE_DISABLED",
            "IKE_KEY_LOOKUP_FAILED", "IKE_NEGOTIATION_ABORTED", "IKE_FAILURE", "ISAKMP_STATUS",
            "IPSEC_SETUP_FAILED", "PROXY_IDENTITIES_REJECTED", "REPLAY_ERROR", "AUTH_ERROR", "IPSEC_FAILURE",
            "CLEARTEXT_RECEIVED", "TUNNEL_INTERFACE_DOWN", "TUNNEL_INTERFACE_UP", "TUNNEL_RECURSIVE_ROUTING",
            "CRYPTO_SOCKET_DOWN", "CRYPTO_SOCKET_UP", "ROUTING_ADJACENCY_DOWN", "ROUTING_ADJACENCY_UP",
            "UNDERLAY_PROBE_FAILED", "UNDERLAY_PROBE_OK", "CRYPTO_OTHER",
            "DEVICE_SILENT", "EXPECTED_PEER_MISSING", "TUNNEL_FLAPPING", "IKE_NEGOTIATION_STUCK",
            "IPSEC_NEGOTIATION_FAILED", "CRYPTO_ERRORS", "NAT_EXEMPTION_MISSING", "MTU_SUSPECTED",
            "CRYPTO-4-RECVD_PKT_INV_SPI", "CRYPTO-4-PKT_REPLAY_ERR", "CRYPTO-4-RECVD_PKT_MAC_ERR",
            "CRYPTO-4-IKMP_BAD_MESSAGE", "CRYPTO-5-IPSEC_SETUP_FAILURE", "CRYPTO-6-IKMP_MODE_FAILURE",
            "LINEPROTO-5-UPDOWN", "LINK-3-UPDOWN", "OSPF-5-ADJCHG", "BGP-5-ADJCHANGE", "DUAL-5-NBRCHANGE");

    private static final Map<String, Integer> INDEX = index();

    /** The longest string of the list: a longer one (most texts) is not looked up. */
    private static final int MAX_LENGTH = LIST.stream().mapToInt(String::length).max().orElse(0);

    /** The index of {@code value} in the list, or -1. */
    static int indexOf(String value) {
        if (value.length() > MAX_LENGTH) {
            return -1;
        }
        Integer index = INDEX.get(value);
        return index == null ? -1 : index;
    }

    private WellKnownStrings() {
    }

    private static Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < LIST.size(); i++) {
            if (index.put(LIST.get(i), i) != null) {
                throw new IllegalStateException("well-known string listed twice: " + LIST.get(i));
            }
        }
        return Map.copyOf(index);
    }
}
