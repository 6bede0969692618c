package io.tunnelwatch.streams.alert;

import io.tunnelwatch.events.IkeVersion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values that fill the runbook's placeholders (docs/runbook.md#how-to-work-an-alert: {@code <peer>},
 * {@code <src-if>}, {@code <id>}, {@code <acl>}). A command is given only in a form that can be pasted into the router: a value that is not known
 * drops the clause that needs it ({@code ping <peer> source <src-if>} becomes {@code ping <peer>}, which runs from
 * the route's egress interface; {@code show ip access-lists <acl>} lists every ACL) and a command that still needs
 * a value after that ({@code <destination>}, a host behind the tunnel) is left out.
 *
 * @param tunnelId the tunnel interface number ({@code 7} of {@code Tunnel7})
 * @param neighbor the routing neighbour over the tunnel whose adjacency is down ({@code <neighbor>})
 * @param ikeVersion the IKE version the peer's messages and polls showed: a command of the other family
 *                   ({@code show crypto isakmp …} for an IKEv2 peer, {@code … ikev2 …} for an IKEv1 peer) would only
 *                   show nothing, so it is left out; both families are given while the version is unknown
 */
public record Placeholders(String peer, String sourceInterface, String tunnelId, String cryptoAcl,
                           String neighbor, IkeVersion ikeVersion) {

    public Placeholders {
        ikeVersion = ikeVersion == null ? IkeVersion.UNKNOWN : ikeVersion;
    }

    /** The values of a peer whose IKE version is not known. */
    public Placeholders(String peer, String sourceInterface, String tunnelId, String cryptoAcl, String neighbor) {
        this(peer, sourceInterface, tunnelId, cryptoAcl, neighbor, IkeVersion.UNKNOWN);
    }

    /** The values without a routing neighbour. */
    public Placeholders(String peer, String sourceInterface, String tunnelId, String cryptoAcl) {
        this(peer, sourceInterface, tunnelId, cryptoAcl, null);
    }

    /** The number of a tunnel interface name, e.g. {@code 7} of {@code Tunnel7}; null when there is none. */
    public static String tunnelIdOf(String interfaceName) {
        if (interfaceName == null) {
            return null;
        }
        // By hand, not String.replaceFirst: asked for on every evaluation of a peer (and by the alert metrics on every
        // input of one with an open alert), and replaceFirst compiles its pattern on each call
        // (docs/performance.md#placeholders-without-a-regex).
        int start = interfaceName.regionMatches(true, 0, TUNNEL, 0, TUNNEL.length()) ? TUNNEL.length() : 0;
        if (start > 0) {
            while (start < interfaceName.length() && isRegexSpace(interfaceName.charAt(start))) {
                start++;
            }
        }
        if (start == interfaceName.length()) {
            return null;
        }
        for (int i = start; i < interfaceName.length(); i++) {
            if (!Character.isDigit((int) interfaceName.charAt(i))) {
                return null;
            }
        }
        return interfaceName.substring(start);
    }

    private static final String TUNNEL = "tunnel";

    /** What {@code \\s} matches in a Java pattern without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Any placeholder still in a text: a word in angle brackets. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");
    /** The runnable forms of a command whose value is unknown, tried in order on what {@link #fill} left. */
    private static final List<Reduction> REDUCTIONS = List.of(
            new Reduction(" source <src-if>", ""),
            new Reduction("show ip access-lists <acl>", "show ip access-lists"),
            new Reduction(" source tunnel <id>", ""),
            new Reduction("neighbor tunnel <id>", "neighbor"),
            new Reduction("neighbors tunnel <id>", "neighbors"),
            new Reduction("show interface tunnel <id>", "show ip interface brief | include Tunnel"),
            new Reduction("interface tunnel <id>", "the tunnel interface"));

    private boolean otherIkeFamily(String template) {
        String lower = template.toLowerCase(Locale.ROOT);
        return switch (ikeVersion) {
            case IKEV1 -> lower.contains("ikev2");
            case IKEV2 -> lower.contains("isakmp");
            case UNKNOWN -> false;
        };
    }

    /** Whether {@code text} still holds a {@code <placeholder>}. */
    public static boolean hasPlaceholder(String text) {
        return PLACEHOLDER.matcher(text).find();
    }

    /**
     * {@code template} with every known value filled, in a form that runs; empty when no such form exists or when it
     * is a command of the IKE family the peer does not speak.
     */
    public Optional<String> runnable(String template) {
        if (otherIkeFamily(template)) {
            return Optional.empty();
        }
        String out = fill(template);
        for (Reduction r : REDUCTIONS) {
            out = out.replace(r.clause(), r.without());
        }
        return hasPlaceholder(out) ? Optional.empty() : Optional.of(out);
    }

    /** {@code template} with every known value filled; unknown placeholders stay (see {@link #runnable}). */
    public String fill(String template) {
        String out = template.replace("<peer>", peer);
        out = sourceInterface == null ? out : out.replace("<src-if>", sourceInterface);
        out = tunnelId == null ? out : out.replace("<id>", tunnelId);
        out = neighbor == null ? out : out.replace("<neighbor>", neighbor);
        return cryptoAcl == null ? out : out.replace("<acl>", cryptoAcl);
    }

    private record Reduction(String clause, String without) {
    }
}
