package io.tunnelwatch.collector.snmp;

import io.netty.util.NetUtil;
import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.PollTiming;
import io.tunnelwatch.collector.inventory.SnmpCredentials;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The inventory's devices as the SNMP parts see them: every device with {@code snmp} settings, first address. */
public final class SnmpDevices {

    private SnmpDevices() {
    }

    public static List<SnmpDevice> from(Inventory inventory) {
        List<SnmpDevice> devices = new ArrayList<>();
        for (Device d : inventory.devices()) {
            if (d.snmp() == null || d.addresses().isEmpty()) {
                continue;
            }
            InetAddress address = NetUtil.createInetAddressFromIpAddressString(d.addresses().get(0));
            Set<String> peers = d.peers().stream().map(ExpectedPeer::address).collect(Collectors.toSet());
            devices.add(new SnmpDevice(d.name(), address, d.snmp().port(), credentials(d.snmp()), peers,
                    schedule(d.snmp().poll())));
        }
        return devices;
    }

    private static SnmpDevice.Credentials credentials(SnmpCredentials c) {
        if (c instanceof SnmpCredentials.V2c v2c) {
            return new SnmpDevice.V2c(v2c.community().reveal());
        }
        SnmpCredentials.V3 v3 = (SnmpCredentials.V3) c;
        if (v3.authKey() == null) {
            throw new IllegalArgumentException("SNMPv3 user '" + v3.user() + "' has no authProtocol/authKey:"
                    + " tunnelwatch polls with authNoPriv or authPriv only");
        }
        return new SnmpDevice.V3(v3.user(), v3.authProtocol(), v3.authKey() == null ? null : v3.authKey().reveal(),
                v3.privProtocol(), v3.privKey() == null ? null : v3.privKey().reveal(), v3.engineId());
    }

    /** The inventory's timing over the poller's defaults; an unset jitter is the default's, at most interval / 6. */
    static SnmpDevice.Schedule schedule(PollTiming timing) {
        SnmpDevice.Schedule d = SnmpDevice.Schedule.DEFAULT;
        Duration interval = timing.interval() != null ? timing.interval() : d.interval();
        Duration jitter = timing.jitter() != null ? timing.jitter()
                : interval.dividedBy(6).compareTo(d.jitter()) < 0 ? interval.dividedBy(6) : d.jitter();
        return new SnmpDevice.Schedule(interval, jitter, timing.timeout() != null ? timing.timeout() : d.timeout(),
                timing.retries() != null ? timing.retries() : d.retries());
    }
}
