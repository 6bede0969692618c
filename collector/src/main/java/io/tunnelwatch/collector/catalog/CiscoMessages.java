package io.tunnelwatch.collector.catalog;

import static io.tunnelwatch.collector.catalog.CatalogEntry.of;
import static io.tunnelwatch.events.IkeVersion.IKEV1;
import static io.tunnelwatch.events.IkeVersion.IKEV2;
import static io.tunnelwatch.events.IkeVersion.UNKNOWN;

import io.tunnelwatch.collector.net.PeerAddresses;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.Layer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of the message catalog, one per Cisco message of docs/cisco-sources.md#ike-and-ipsec-syslog-messages (and
 * the {@code debug crypto} lines
 * of docs/cisco-sources.md#debug-crypto-lines, facility {@link SyslogMessage#DEBUG_FACILITY}). Each row notes the
 * confidence docs/cisco-sources.md gives its text:
 * [V] verbatim, [T] Cisco template, [U] unverified. Whitespace between words is {@code \s+} everywhere since the
 * exact spacing is rarely verified; [U] rows go further: the mnemonic alone decides the kind, the pattern only picks
 * up the fields it can find, and the peer falls back to the address the text names.
 *
 * <p>Lazy groups end on a non-blank and the blanks after them are possessive ({@code *+}, {@code ++}): a long run
 * of blanks in a hostile line must not make a pattern try every split of the run (quadratic time).
 *
 * <p>Add a message by adding a row; {@link MessageCatalog} indexes the rows by mnemonic.
 */
final class CiscoMessages {

    /**
     * An IPv4/IPv6 literal, optionally with {@code :port} or as {@code [v6]:port}. It ends on a hex digit so a
     * trailing period, comma or colon of the sentence stays out, or on {@code ::} (an IPv6 address whose last groups
     * are zero, {@code 2001:db8:5555::}); {@link PeerAddresses#endpoint} validates it.
     */
    private static final String ADDRESS =
            "\\[[0-9A-Fa-f:.]{2,45}\\](?::\\d{1,5})?|[0-9A-Fa-f:.]{0,50}(?:[0-9A-Fa-f]|(?<=[0-9A-Fa-f])::)";

    private static final String PEER = addr("peer");

    /** Matches any text: for [U] messages whose mnemonic alone says what happened. */
    private static final String ANY_TEXT = "^";

    /** A tunnel interface; other interfaces are not tunnel events and must not match. */
    private static final String TUNNEL_IF =
            "Interface\\s+(?<interface>Tunnel[^\\s,]*)\\s*,\\s*changed\\s+state\\s+to\\s+";

    /**
     * The IOS-XE data-plane (QFP) SA errors nested in {@code %IOSXE-3-PLATFORM}: the text start is [V], the rest
     * [U], so every field is optional and looked for in the order the one known example gives.
     */
    private static final String QFP_SA_ERROR = "(?i)^(?:.*?DP\\s+Handle\\s*+[=:]?\\s*+(?<dpHandle>\\d+))?"
            + "(?:.*?src_addr\\s*+[=:]?\\s*+" + PEER + ")?(?:.*?dest_addr\\s*+[=:]?\\s*+" + addr("destAddr") + ")?"
            + "(?:.*?SPI\\s*+[=:]?\\s*+(?<spi>0x[0-9A-Fa-f]+))?";

    /** {@code connection id=311, sequence number=0}, each optional: the console may wrap before them. */
    private static final String CONNECTION = "(?i)^(?:.*?connection\\s+id\\s*=\\s*(?<connectionId>\\d+))?"
            + "(?:.*?sequence\\s+number\\s*=\\s*(?<sequenceNumber>\\d+))?";

    /** An ISAKMP state token as debug prints it: MM_NO_STATE, QM_IDLE, IKE_I_MM1 ... */
    private static final String STATE = "(?<state>[A-Z][A-Z0-9_]*)";

    /** Failure reasons that point at selectors (crypto ACLs, proxy identities) rather than proposals: layer 4. */
    private static final Pattern SELECTOR_REASON =
            Pattern.compile("(?i)proxy|selector|TS_UNACCEPTABLE|TS\\s+unacceptable");

    private static final Pattern CHILD_SA_REASON = Pattern.compile("(?i)child");

    private static final String DEBUG = SyslogMessage.DEBUG_FACILITY;

    /** Every row: the crypto messages here, then the routing layer over tunnels ({@link RoutingMessages}). */
    static final List<CatalogEntry> ROWS;

    private static final List<CatalogEntry> CRYPTO_ROWS = List.of(
            // --- 1.1 session / tunnel state ---
            // [U] spacing, mnemonic [V]; needs `crypto logging session`
            of("CRYPTO", "SESSION_STATUS", IKEV1, CiscoMessages::sessionUpOrDown,
                    "Crypto\\s+tunnel\\s+is\\s+(?<state>UP|DOWN)\\.?\\s+Peer\\s+" + PEER
                            + "(?:\\s+Id:\\s*(?<ikeId>\\S+))?").fields("ikeId"),
            // [V] structure (Exabeam parser), exact whitespace [U]
            of("CRYPTO", "IKEV2_SESSION_STATUS", IKEV2, CiscoMessages::sessionUpOrDown,
                    "Crypto\\s+tunnel\\s+v2\\s+is\\s+(?<state>UP|DOWN)\\.?\\s+Peer\\s+" + PEER
                            + "(?:\\s+Id:\\s*(?<ikeId>\\S+))?").fields("ikeId"),
            // [U] texts, mnemonics only
            of("IKEV2", "SA_UP", IKEV2, EventKind.IKE_SA_UP, ANY_TEXT).peerFromText(),
            of("IKEV2", "SA_DOWN", IKEV2, EventKind.IKE_SA_DOWN, ANY_TEXT).peerFromText(),
            of("IKEV2", "SA_EXPIRED", IKEV2, EventKind.IKE_SA_EXPIRED, ANY_TEXT).peerFromText(),
            // [V]; layer 4 when the reason names selectors (proxy identities), else phase 2
            of("CRYPTO", "IPSEC_SETUP_FAILURE", UNKNOWN, EventKind.IPSEC_SETUP_FAILED,
                    "IPSEC\\s+SETUP\\s+FAILED\\s+for\\s+local:\\s*(?<localAddr>\\S+)"
                            + "(?:\\s+local_id:\\s*(?<localId>\\S+))?\\s+remote:\\s*" + PEER
                            + "(?:\\s+remote_id:\\s*(?<remoteId>\\S+))?(?:\\s+IKE\\s+profile:\\s*(?<ikeProfile>\\S+))?"
                            + "(?:\\s+fvrf:\\s*(?<fvrf>\\S+))?(?:\\s+ivrf:\\s*(?<ivrf>\\S+))?"
                            + "\\s+fail_reason:\\s*(?<failReason>.*?\\S)\\s*+"
                            + "(?:fail_class_cnt:\\s*+(?<failClassCnt>\\d++)\\s*+)?$")
                    .fields("localAddr", "localId", "remoteId", "ikeProfile", "fvrf", "ivrf", "failReason",
                            "failClassCnt")
                    .layer(m -> SELECTOR_REASON.matcher(m.group("failReason")).find() ? Layer.ROUTING : null),
            // [V]
            of("CRYPTO", "ISAKMP_ON_OFF", UNKNOWN, EventKind.ISAKMP_STATUS, "ISAKMP\\s+is\\s+(?<state>ON|OFF)")
                    .fields("state"),
            // [V] templates (seen on other interfaces); only Tunnel interfaces are tunnel events
            of("LINEPROTO", "UPDOWN", UNKNOWN, CiscoMessages::interfaceUpOrDown,
                    "Line\\s+protocol\\s+on\\s+" + TUNNEL_IF + "(?<state>up|down)").fields("interface", "state"),
            // [V] templates; LINK is the interface itself (shutdown, tunnel source down): layer 0
            of("LINK", "UPDOWN", UNKNOWN, CiscoMessages::interfaceUpOrDown,
                    TUNNEL_IF + "(?<state>administratively\\s+down|up|down)").orMnemonics("CHANGED")
                    .fields("interface", "state").layer(Layer.UNDERLAY),

            // --- 1.2 data-plane errors ---
            // [V]; the peer is srcaddr (the sender), destaddr is this router; older images end at srcaddr
            of("CRYPTO", "RECVD_PKT_INV_SPI", UNKNOWN, EventKind.INVALID_SPI,
                    "invalid\\s+spi\\s+for\\s+destaddr\\s*=\\s*" + addr("destaddr")
                            + "\\s*,\\s*prot\\s*=\\s*(?<prot>\\d+)"
                            + "\\s*,\\s*spi\\s*=\\s*(?<spi>0x[0-9A-Fa-f]+)(?:\\s*\\(\\s*(?<spiDecimal>\\d+)\\s*\\))?"
                            + "\\s*,\\s*srcaddr\\s*=\\s*" + PEER
                            + "(?:\\s*,\\s*input\\s+interface\\s*=\\s*(?<inputInterface>[^\\s,]+))?")
                    .fields("destaddr", "prot", "spi", "spiDecimal", "inputInterface").fieldAs("peer", "srcaddr"),
            // [V]; src_addr is the sender (peer), vrf/dest_addr this router; prot is the inner protocol
            of("CRYPTO", "RECVD_PKT_NOT_IPSEC", UNKNOWN, EventKind.CLEARTEXT_RECEIVED,
                    "not\\s+an\\s+IPSEC\\s+packet\\.?\\s*(?:\\(\\w+\\)\\s*)?(?:vrf/)?dest_addr\\s*=\\s*"
                            + "(?:(?<vrf>[^/\\s,]*)/)?" + addr("destAddr") + "\\s*,\\s*src_addr\\s*=\\s*" + PEER
                            + "\\s*,\\s*prot\\s*=\\s*(?<prot>\\d+)")
                    .fields("vrf", "destAddr", "prot").fieldAs("peer", "src_addr"),
            // [V] + [T]; no peer in the text
            of("CRYPTO", "PKT_REPLAY_ERR", UNKNOWN, EventKind.REPLAY_ERROR, CONNECTION)
                    .fields("connectionId", "sequenceNumber").peerFromText(),
            // [U]
            of("CRYPTO", "RECVD_PKT_MAC_ERR", UNKNOWN, EventKind.AUTH_ERROR, CONNECTION)
                    .fields("connectionId", "sequenceNumber").peerFromText(),
            // wrapper and text start [V], rest [U]
            of("IPSEC", "REPLAY_ERROR", UNKNOWN, EventKind.REPLAY_ERROR, QFP_SA_ERROR)
                    .fields("dpHandle", "destAddr", "spi").fieldAs("peer", "src_addr").peerFromText(),
            of("IPSEC", "HMAC_ERROR", UNKNOWN, EventKind.AUTH_ERROR, QFP_SA_ERROR)
                    .fields("dpHandle", "destAddr", "spi").fieldAs("peer", "src_addr").peerFromText(),

            // --- 1.3 IKE negotiation errors (IKMP = ISAKMP = IKEv1) ---
            // [V]
            of("CRYPTO", "IKMP_NO_SA", IKEV1, EventKind.IKE_NO_SA,
                    "IKE\\s+message\\s+from\\s+" + PEER + "\\s+has\\s+no\\s+SA"),
            // [V]
            of("CRYPTO", "IKMP_BAD_MESSAGE", IKEV1, EventKind.IKE_BAD_MESSAGE,
                    "IKE\\s+message\\s+from\\s+" + PEER + "\\s+failed\\s+its\\s+sanity\\s+check"),
            // [T]; Quick mode is phase 2; one published capture prints "with peer 10.2.2.1" without "at"
            of("CRYPTO", "IKMP_MODE_FAILURE", IKEV1, CiscoMessages::modeFailure,
                    "(?i)Processing\\s+of\\s+(?<mode>Main|Aggressive|Quick|Informational)\\s+mode\\s+failed\\s+with"
                            + "\\s+peer\\s+(?:at\\s+)?" + PEER).fields("mode"),
            // [T]
            of("CRYPTO", "IKMP_NOT_ENCRYPTED", IKEV1, EventKind.IKE_NOT_ENCRYPTED,
                    "(?i)IKE\\s+packet\\s+from\\s+" + PEER + "\\s+was\\s+not\\s+encrypted"),
            // [T] ("Cannon accept" as one page prints it, hence no verb)
            of("CRYPTO", "IKMP_SA_NOT_AUTH", IKEV1, EventKind.IKE_AUTH_FAILED,
                    "(?i)accept\\s+Quick\\s+Mode\\s+exchange\\s+from\\s+" + PEER),
            // [T]
            of("CRYPTO", "IKMP_SA_NOT_OFFERED", IKEV1, EventKind.IKE_ATTRIBUTES_NOT_OFFERED,
                    "(?i)Remote\\s+peer\\s+" + PEER + "\\s+responded\\s+with\\s+attribute\\s+"
                            + "(?<attribute>\\S(?:.*?\\S)?)"
                            + "\\s++not\\s+offered").fields("attribute"),
            // [T]; one page's example omits the method number
            of("CRYPTO", "IKMP_AUTH_FAIL", IKEV1, EventKind.IKE_AUTH_FAILED,
                    "(?i)Authentication\\s+method\\s+(?:(?<authMethod>\\d+)\\s+)?failed\\s+with\\s+host\\s+" + PEER)
                    .fields("authMethod"),
            // [V]; no peer in the text
            of("CRYPTO", "IKMP_AG_MODE_DISABLED", IKEV1, EventKind.IKE_AGGRESSIVE_MODE_DISABLED, ANY_TEXT)
                    .peerFromText(),
            // [U]
            of("CRYPTO", "IKMP_QUERY_KEY", IKEV1, EventKind.IKE_KEY_LOOKUP_FAILED, ANY_TEXT).peerFromText(),
            // [U] text; TS_UNACCEPTABLE is a selector problem (layer 4), a CHILD_SA one phase 2
            of("IKEV2", "NEG_ABORT", IKEV2, EventKind.IKE_NEGOTIATION_ABORTED,
                    "(?i)^(?:.*?ERROR\\s*:\\s*(?<error>.*\\S)?)?").fields("error").peerFromText()
                    .layer(CiscoMessages::abortLayer),

            // --- 1.4 debug crypto isakmp (IKEv1) ---
            // [V] both forms; a new phase 1 from the peer, dport/sport 4500 = NAT-T
            of(DEBUG, "ISAKMP", IKEV1, EventKind.IKE_NEW_SA,
                    "received\\s+packet\\s+from\\s+" + PEER
                            + "(?:\\s+dport\\s+(?<dport>\\d+)\\s+sport\\s+(?<sport>\\d+))?"
                            + "(?:\\s+(?<vrf>[^\\s(]+))?\\s+\\((?<role>[IRN])\\)\\s+NEW\\s+SA")
                    .fields("dport", "sport", "vrf", "role"),
            // [V] shape of the line above with a state instead of NEW SA
            of(DEBUG, "ISAKMP", IKEV1, EventKind.IKE_STATE,
                    "received\\s+packet\\s+from\\s+" + PEER
                            + "(?:\\s+dport\\s+(?<dport>\\d+)\\s+sport\\s+(?<sport>\\d+))?"
                            + "(?:\\s+(?<vrf>[^\\s(]+))?\\s+\\((?<role>[IRN])\\)\\s+(?!NEW\\s+SA)" + STATE)
                    .fields("dport", "sport", "vrf", "role", "state"),
            // [V]; my_port/peer_port on IOS-XE [U]
            of(DEBUG, "ISAKMP", IKEV1, EventKind.IKE_STATE,
                    "sending\\s+packet\\s+to\\s+" + PEER
                            + "(?:\\s+my_port\\s+(?<localPort>\\d+)\\s+peer_port\\s+(?<peerPort>\\d+))?"
                            + "(?:\\s+(?<vrf>[^\\s(]+))?\\s+\\((?<role>[IRN])\\)\\s+" + STATE)
                    .fields("localPort", "peerPort", "vrf", "role", "state"),
            // [U]; IKE_I_* / IKE_R_* name the role
            of(DEBUG, "ISAKMP", IKEV1, EventKind.IKE_STATE,
                    "Old\\s+State\\s*=\\s*(?<oldState>\\S+)\\s+New\\s+State\\s*=\\s*"
                            + "(?<state>IKE_(?<role>[IR])_\\S+|\\S+)")
                    .fields("oldState", "state", "role").peerFromText(),
            // [V] "retransmitting due to retransmit phase 1", [U] "retransmitting phase 1 MM_NO_STATE..."
            of(DEBUG, "ISAKMP", IKEV1, EventKind.IKE_RETRANSMIT,
                    "[Rr]etransmit(?:ting)?\\s+(?:due\\s+to\\s+retransmit\\s+)?phase\\s+(?<phase>[12])"
                            + "(?:\\s+" + STATE + ")?").fields("phase", "state").peerFromText(),
            // [V]: the peer sent its packet again, our answer was lost
            of(DEBUG, "ISAKMP", IKEV1, EventKind.IKE_RETRANSMIT,
                    "phase\\s+(?<phase>[12])\\s+packet\\s+is\\s+a\\s+duplicate").fields("phase").peerFromText(),
            // [V] "atts are acceptable", [U] "atts are not acceptable", "phase 1 SA policy not acceptable!"
            of(DEBUG, "ISAKMP", IKEV1, m -> m.group("refused") == null
                            ? EventKind.IKE_PROPOSAL_ACCEPTED : EventKind.IKE_PROPOSAL_REJECTED,
                    "(?:atts\\s+(?:are\\s+)?|phase\\s+1\\s+SA\\s+policy\\s+)(?<refused>not\\s+)?acceptable")
                    .peerFromText(),
            // [U]; printed under IPSEC(validate_proposal_request) or ISAKMP
            of(DEBUG, "IPSEC", IKEV1, EventKind.PROXY_IDENTITIES_REJECTED,
                    "proxy\\s+identities\\s+not\\s+supported").orMnemonics("ISAKMP").peerFromText(),
            // [V]; follows RECVD_PKT_INV_SPI when no IKE SA is left: SAs out of sync, layer 3. dst is the peer.
            of(DEBUG, "ISAKMP_ERROR", IKEV1, EventKind.IKE_NO_SA,
                    "ignoring\\s+request\\s+to\\s+send\\s+delete\\s+notify\\s+\\(no\\s+ISAKMP\\s+sa\\)\\s+src\\s+"
                            + addr("localAddr") + "\\s+dst\\s+" + PEER
                            + "(?:\\s+for\\s+SPI\\s+(?<spi>0x[0-9A-Fa-f]+))?")
                    .fields("localAddr", "spi").layer(Layer.TRAFFIC),

            // --- 1.4 debug crypto ikev2: all [U] (general knowledge of IOS-XE debug output) ---
            of(DEBUG, "IKEV2", IKEV2, EventKind.IKE_STATE,
                    "\\((?<role>[IR])\\)\\s+MsgID\\s*=\\s*\\d+\\s+CurState:\\s*(?<state>\\S+)"
                            + "\\s+Event:\\s*(?<event>\\S+)")
                    .orMnemonics("IKEV2_ERROR").fields("role", "state", "event").peerFromText(),
            of(DEBUG, "IKEV2", IKEV2, EventKind.IKE_RETRANSMIT, "(?i)retransmit").orMnemonics("IKEV2_ERROR")
                    .peerFromText(),
            of(DEBUG, "IKEV2", IKEV2, EventKind.IKE_PROPOSAL_REJECTED,
                    "(?i)no[\\s_]+proposal[\\s_]+chosen|failed\\s+to\\s+find\\s+a\\s+matching\\s+policy")
                    .orMnemonics("IKEV2_ERROR").peerFromText(),
            of(DEBUG, "IKEV2", IKEV2, EventKind.PROXY_IDENTITIES_REJECTED, "(?i)TS[\\s_]+unacceptable")
                    .orMnemonics("IKEV2_ERROR").peerFromText(),
            of(DEBUG, "IKEV2", IKEV2, EventKind.IKE_AUTH_FAILED,
                    "(?i)auth(?:entication)?[\\s_]+(?:exchange\\s+)?failed")
                    .orMnemonics("IKEV2_ERROR").peerFromText());

    static {
        List<CatalogEntry> all = new java.util.ArrayList<>(CRYPTO_ROWS);
        all.addAll(RoutingMessages.ROWS);
        ROWS = List.copyOf(all);
    }

    private CiscoMessages() {
    }

    /** A named group holding an IPv4/IPv6 literal (see {@link #ADDRESS}). */
    static String addr(String group) {
        return "(?<" + group + ">" + ADDRESS + ")";
    }

    private static EventKind sessionUpOrDown(Matcher m) {
        return "UP".equals(m.group("state")) ? EventKind.SESSION_UP : EventKind.SESSION_DOWN;
    }

    private static EventKind interfaceUpOrDown(Matcher m) {
        return "up".equals(m.group("state")) ? EventKind.TUNNEL_INTERFACE_UP : EventKind.TUNNEL_INTERFACE_DOWN;
    }

    private static EventKind modeFailure(Matcher m) {
        return "quick".equalsIgnoreCase(m.group("mode")) ? EventKind.IPSEC_SETUP_FAILED : EventKind.IKE_MODE_FAILURE;
    }

    private static Layer abortLayer(Matcher m) {
        String error = m.group("error");
        if (error == null) {
            return null;
        }
        if (SELECTOR_REASON.matcher(error).find()) {
            return Layer.ROUTING;
        }
        return CHILD_SA_REASON.matcher(error).find() ? Layer.IPSEC : null;
    }
}
