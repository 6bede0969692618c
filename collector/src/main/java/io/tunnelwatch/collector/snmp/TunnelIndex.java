package io.tunnelwatch.collector.snmp;

import io.tunnelwatch.collector.inventory.TunnelNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last poll of each device learned about its row indices, for the trap receiver: cipSecTunnelStart/Stop
 * carry only cipSecTunIndex in their varbind OIDs, and linkUp/linkDown only ifIndex
 * (docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib). Replaced
 * as a whole per device at each successful poll, so its size is bounded by the device's tables.
 */
public final class TunnelIndex {

    private record DeviceView(Map<Integer, String> ipsecPeers, Map<Integer, String> ikePeers,
                              Map<Integer, TunnelInterface> interfaces) {
    }

    private final Map<String, DeviceView> byDevice = new ConcurrentHashMap<>();

    /**
     * Replaces what is known of {@code device}.
     *
     * @param ipsecPeers the peer of each cipSecTunIndex
     * @param ikePeers   the peer of each cikeTunIndex
     * @param interfaces the device's tunnel interfaces
     */
    public void update(String device, Map<Integer, String> ipsecPeers, Map<Integer, String> ikePeers,
                       List<TunnelInterface> interfaces) {
        Map<Integer, TunnelInterface> ifs = new HashMap<>();
        interfaces.forEach(tunnel -> ifs.put(tunnel.ifIndex(), tunnel));
        byDevice.put(device, new DeviceView(Map.copyOf(ipsecPeers), Map.copyOf(ikePeers), Map.copyOf(ifs)));
    }

    /** The peer of cipSecTunIndex {@code index} on {@code device}, or null when the last poll did not see it. */
    public String ipsecPeer(String device, int index) {
        DeviceView view = byDevice.get(device);
        return view == null ? null : view.ipsecPeers().get(index);
    }

    /** The peer of cikeTunIndex {@code index}, or null. */
    public String ikePeer(String device, int index) {
        DeviceView view = byDevice.get(device);
        return view == null ? null : view.ikePeers().get(index);
    }

    /** The tunnel interface with IF-MIB {@code ifIndex}, or null when it is not a tunnel (or not polled yet). */
    public TunnelInterface tunnelInterface(String device, int ifIndex) {
        DeviceView view = byDevice.get(device);
        return view == null ? null : view.interfaces().get(ifIndex);
    }

    /**
     * The remote endpoint (TUNNEL-MIB) of the tunnel interface named {@code interfaceName} on {@code device}, in any
     * IOS spelling ({@code Tunnel7}, {@code Tu7}), or null when the last poll did not see it or the agent does not
     * fill TUNNEL-MIB. A device has few tunnel interfaces, so a scan is cheap.
     */
    public String remoteOf(String device, String interfaceName) {
        DeviceView view = byDevice.get(device);
        String wanted = TunnelNames.canonical(interfaceName);
        if (view == null || wanted == null) {
            return null;
        }
        for (TunnelInterface t : view.interfaces().values()) {
            if (t.remote() != null && wanted.equals(TunnelNames.canonical(t.name()))) {
                return t.remote();
            }
        }
        return null;
    }
}
