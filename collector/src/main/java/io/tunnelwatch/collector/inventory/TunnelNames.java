package io.tunnelwatch.collector.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tunnel interface names as IOS writes them: {@code Tunnel7} in configuration and most messages, {@code Tu7} in
 * some show output, any case. One canonical spelling lets the inventory and a message meet.
 */
public final class TunnelNames {

    private static final Pattern TUNNEL = Pattern.compile("(?i)tu(?:n|nn|nne|nnel)?\\s*(\\d{1,10})");

    private TunnelNames() {
    }

    /** {@code Tunnel<n>}, or null when the text names no tunnel interface. */
    public static String canonical(String interfaceName) {
        if (interfaceName == null) {
            return null;
        }
        Matcher m = TUNNEL.matcher(interfaceName.strip());
        return m.matches() ? "Tunnel" + Long.parseLong(m.group(1)) : null;
    }
}
