package io.tunnelwatch.simulator.message;

/**
 * The routing-layer texts the simulated routers send, as IOS-XE logs them. Each template is a line seen verbatim in
 * a published capture, with only the process, neighbour and interface filled in; the collector's fixture
 * {@code collector/src/test/resources/syslog/cisco/routing-messages.tsv} holds the same lines with their sources:
 * <ul>
 *   <li>{@link #ospfDown}: {@code %OSPF-5-ADJCHG: Process 10, Nbr 3.3.3.3 on Tunnel0 from FULL to DOWN, Neighbor Down:
 *       Dead timer expired} (a GRE-over-IPsec lab capture, IKE still QM_IDLE/ACTIVE meanwhile);</li>
 *   <li>{@link #ospfFull}: {@code %OSPF-5-ADJCHG: Process 1, Nbr 203.0.113.18 on Tunnel0 from LOADING to FULL,
 *       Loading Done} (a branch GRE lab).</li>
 * </ul>
 */
public final class RoutingMessages {

    /** The OSPF process the simulated routers run over their tunnels. */
    public static final int OSPF_PROCESS = 10;

    private RoutingMessages() {
    }

    /** The adjacency to router id {@code neighbor} on {@code TunnelN} lost: no hello within the dead interval. */
    public static String ospfDown(String neighbor, int tunnelId) {
        return "%OSPF-5-ADJCHG: Process " + OSPF_PROCESS + ", Nbr " + neighbor + " on Tunnel" + tunnelId
                + " from FULL to DOWN, Neighbor Down: Dead timer expired";
    }

    /** The adjacency to router id {@code neighbor} on {@code TunnelN} full again. */
    public static String ospfFull(String neighbor, int tunnelId) {
        return "%OSPF-5-ADJCHG: Process " + OSPF_PROCESS + ", Nbr " + neighbor + " on Tunnel" + tunnelId
                + " from LOADING to FULL, Loading Done";
    }
}
