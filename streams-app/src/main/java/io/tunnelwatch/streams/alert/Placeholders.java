package io.tunnelwatch.streams.alert;

/**
 * The values that fill the runbook's placeholders (docs/runbook.md#how-to-work-an-alert: {@code <peer>}, {@code
 * <src-if>}, {@code <id>},
 * {@code <acl>}). A null value leaves its placeholder visible in the command, so the engineer sees what to supply.
 *
 * @param tunnelId the tunnel interface number ({@code 7} of {@code Tunnel7})
 * @param neighbor the routing neighbour over the tunnel whose adjacency is down ({@code <neighbor>})
 */
public record Placeholders(String peer, String sourceInterface, String tunnelId, String cryptoAcl,
                           String neighbor) {

    /** The values without a routing neighbour. */
    public Placeholders(String peer, String sourceInterface, String tunnelId, String cryptoAcl) {
        this(peer, sourceInterface, tunnelId, cryptoAcl, null);
    }

    /** The number of a tunnel interface name, e.g. {@code 7} of {@code Tunnel7}; null when there is none. */
    public static String tunnelIdOf(String interfaceName) {
        if (interfaceName == null) {
            return null;
        }
        String digits = interfaceName.replaceFirst("(?i)^tunnel\\s*", "");
        return !digits.isEmpty() && digits.chars().allMatch(Character::isDigit) ? digits : null;
    }

    public String fill(String template) {
        String out = template.replace("<peer>", peer);
        out = sourceInterface == null ? out : out.replace("<src-if>", sourceInterface);
        out = tunnelId == null ? out : out.replace("<id>", tunnelId);
        out = neighbor == null ? out : out.replace("<neighbor>", neighbor);
        return cryptoAcl == null ? out : out.replace("<acl>", cryptoAcl);
    }
}
