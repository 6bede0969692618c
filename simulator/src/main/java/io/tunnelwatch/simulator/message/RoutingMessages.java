package io.tunnelwatch.simulator.message;

import static io.tunnelwatch.events.IosXeMessages.render;

/**
 * The routing-layer texts the simulated routers send, rendered from the sourced table
 * ({@link io.tunnelwatch.events.IosXeMessages}, rows {@code ospf-down} and {@code ospf-full}).
 */
public final class RoutingMessages {

    /** The OSPF process the simulated routers run over their tunnels. */
    public static final int OSPF_PROCESS = 10;

    private RoutingMessages() {
    }

    /** The adjacency to router id {@code neighbor} on {@code TunnelN} lost: no hello within the dead interval. */
    public static String ospfDown(String neighbor, int tunnelId) {
        return render("ospf-down", "process", OSPF_PROCESS, "neighbor", neighbor, "tunnel", tunnelId);
    }

    /** The adjacency to router id {@code neighbor} on {@code TunnelN} full again. */
    public static String ospfFull(String neighbor, int tunnelId) {
        return render("ospf-full", "process", OSPF_PROCESS, "neighbor", neighbor, "tunnel", tunnelId);
    }
}
