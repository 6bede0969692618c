package io.tunnelwatch.collector.net;

import io.netty.util.NetUtil;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical text of IP literals (RFC 5952 for IPv6), with no DNS lookup ever. */
public final class PeerAddresses {

    private static final Pattern ANY_IPV4 =
            Pattern.compile("(?<![\\d.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");

    /** An IPv4 literal with an optional {@code :port}, as free text writes it. */
    private static final String IPV4_PORT =
            "(?<![\\d.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?::(\\d{1,5}))?(?![\\d.])";

    /**
     * An IPv4 literal after a word that names the far end in Cisco texts
     * (docs/cisco-sources.md#ike-and-ipsec-syslog-messages): {@code peer},
     * {@code peer at}, {@code remote}, {@code srcaddr}/{@code src_addr} (the sender of a received packet),
     * {@code from}.
     * Not {@code src}/{@code dst}: in {@code ISAKMP-ERROR} lines {@code src} is the router itself.
     */
    private static final Pattern PEER_LIKE_IPV4 = Pattern.compile(
            "(?i)(?<![\\w])(?:peer(?:\\s+at)?|remote|srcaddr|src_addr|from)\\s*+[=:]?\\s*+" + IPV4_PORT);

    private static final Pattern ANY_IPV4_PORT = Pattern.compile(IPV4_PORT);

    /** The words {@link #PEER_LIKE_IPV4} starts with ({@code peer at} starts with {@code peer}). */
    private static final String[] PEER_WORDS = {"peer", "remote", "srcaddr", "src_addr", "from"};

    private PeerAddresses() {
    }

    /** The canonical form of an IPv4/IPv6 literal, or null when the text is not one. */
    public static String canonical(String literal) {
        if (literal == null) {
            return null;
        }
        if (isCanonicalIpv4(literal)) {
            // Nearly every address in a log line: already canonical, so no parse and no new string.
            return literal;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 4) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        return NetUtil.toAddressString(NetUtil.createInetAddressFromIpAddressString(literal));
    }

    /** The network bytes (4 or 16) of an IPv4/IPv6 literal, or null when the text is not one. */
    public static byte[] bytes(String literal) {
        return literal == null ? null : NetUtil.createByteArrayFromIpAddressString(literal);
    }

    /** Four decimal octets 0..255 without leading zeros, as {@code NetUtil.bytesToIpAddress} would print them. */
    static boolean isCanonicalIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int octets = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
            if (i == n) {
                return false;
            }
        }
        return octets == 4;
    }

    /** An address with the port a message gave, or null for no port. */
    public record Endpoint(String address, String port) {
    }

    /**
     * Reads {@code a.b.c.d}, {@code a.b.c.d:port}, {@code [v6]:port} or a bare IPv6 literal (a bare literal that
     * is valid as a whole is taken as an address without port, since IOS's IPv6 form is not documented).
     *
     * @return null when the token is not an address
     */
    public static Endpoint endpoint(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.startsWith("[")) {
            int close = token.indexOf(']');
            if (close < 0) {
                return null;
            }
            String address = canonical(token.substring(1, close));
            String rest = token.substring(close + 1);
            String port = rest.startsWith(":") && isPort(rest.substring(1)) ? rest.substring(1) : null;
            return address == null ? null : new Endpoint(address, port);
        }
        int colon = token.indexOf(':');
        if (colon > 0 && colon == token.lastIndexOf(':')) {
            String address = canonical(token.substring(0, colon));
            String port = token.substring(colon + 1);
            return address == null || !isPort(port) ? null : new Endpoint(address, port);
        }
        String whole = canonical(token);
        if (whole != null) {
            return new Endpoint(whole, null);
        }
        int last = token.lastIndexOf(':');
        if (last > 0 && isPort(token.substring(last + 1))) {
            String address = canonical(token.substring(0, last));
            return address == null ? null : new Endpoint(address, token.substring(last + 1));
        }
        return null;
    }

    private static boolean isPort(String digits) {
        if (digits.isEmpty() || digits.length() > 5) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return false;
            }
        }
        return Integer.parseInt(digits) <= 65535;
    }

    /**
     * The address free text most likely names as the peer: an IPv4 literal after a peer-like word, else the first
     * IPv4 literal; with its port when one follows. Null when the text holds no IPv4 literal.
     */
    public static Endpoint likelyPeer(String text) {
        int digit = firstDigit(text);
        if (digit < 0) {
            return null;
        }
        int word = firstPeerWord(text);
        Endpoint peerLike = word < 0 ? null : firstEndpoint(PEER_LIKE_IPV4.matcher(text), word);
        return peerLike != null ? peerLike : firstEndpoint(ANY_IPV4_PORT.matcher(text), digit);
    }

    /**
     * The first match of {@code m} at or after {@code from} whose address is valid. A match cannot start before
     * {@code from}, so searching from there finds what a search from the start would, without trying every char of
     * a long text against the case-insensitive pattern; transparent bounds let the look-behinds see before it.
     */
    private static Endpoint firstEndpoint(Matcher m, int from) {
        m.useTransparentBounds(true).useAnchoringBounds(false).region(from, m.regionEnd());
        while (m.find()) {
            String address = canonical(m.group(1));
            if (address != null) {
                String port = m.group(2);
                return new Endpoint(address, port != null && isPort(port) ? port : null);
            }
        }
        return null;
    }

    /** Where an IPv4 literal could start at the earliest: the first ASCII digit, or -1. */
    private static int firstDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where {@link #PEER_LIKE_IPV4} could match at the earliest: the first of its words in any case, or -1.
     * {@link String#regionMatches(boolean, int, String, int, int)} folds case at least as widely as the pattern's
     * ASCII {@code (?i)}, so it never finds a word later than the pattern would.
     */
    private static int firstPeerWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = (char) (text.charAt(i) | 0x20);
            if ((c == 'p' || c == 'r' || c == 's' || c == 'f' || c > 0x7f) && peerWordAt(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean peerWordAt(String text, int i) {
        for (String word : PEER_WORDS) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** The first IPv4 literal in free text, canonical, or null. */
    public static String firstIpv4(String text) {
        Matcher m = ANY_IPV4.matcher(text);
        while (m.find()) {
            String c = canonical(m.group(1));
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
