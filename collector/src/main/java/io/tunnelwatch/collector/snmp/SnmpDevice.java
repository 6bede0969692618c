package io.tunnelwatch.collector.snmp;

import io.tunnelwatch.collector.inventory.PollTiming;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * One router as the SNMP parts see it: where to poll it, how to authenticate both ways, which peers it should
 * have. The integrator maps each inventory device to one of these; no SNMP library type appears here.
 *
 * @param name          the inventory name, the {@code device} of every sample and event
 * @param address       the SNMP target, and the only source address traps from this device are accepted from
 * @param port          the agent's UDP port (161 on a router)
 * @param credentials   v2c community or v3 USM user
 * @param expectedPeers remote IKE peer addresses in canonical text form (a peer without rows is reported "no SA")
 * @param schedule      how often and how patiently to poll it
 */
public record SnmpDevice(String name, InetAddress address, int port, Credentials credentials,
                         Set<String> expectedPeers, Schedule schedule) {

    public SnmpDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(credentials, "credentials");
        expectedPeers = Set.copyOf(expectedPeers);
        schedule = schedule == null ? Schedule.DEFAULT : schedule;
    }

    /** SNMP security: a v2c community, or an SNMPv3 USM user. */
    public sealed interface Credentials permits V2c, V3 {
    }

    /** SNMPv2c: the community for polling; traps and informs from the device must carry it too. */
    public record V2c(String community) implements Credentials {
        public V2c {
            Objects.requireNonNull(community, "community");
        }
    }

    /**
     * SNMPv3 USM, authPriv when {@code privProtocol} is set, authNoPriv otherwise.
     *
     * @param authProtocol {@code SHA}, {@code SHA256}, {@code SHA512} or {@code MD5}
     * @param privProtocol {@code AES} (AES-128), {@code AES256}, {@code DES}, or null for none
     * @param engineId     the device's snmpEngineID in hex: needed to accept its v3 traps, whose keys are localized
     *                     to the sender's engine; null when only informs (the receiver is authoritative) are used.
     *                     The poller localizes the user to it, and discovers it when null
     */
    public record V3(String user, String authProtocol, String authKey, String privProtocol, String privKey,
                     String engineId) implements Credentials {
        public V3 {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(authProtocol, "authProtocol");
            Objects.requireNonNull(authKey, "authKey");
            if (engineId != null) {
                HexFormat.of().parseHex(engineId);
            }
        }
    }

    /**
     * @param interval time between two polls of the device
     * @param jitter   up to this much is added at random to every poll, so devices do not all poll together
     * @param timeout  per request
     * @param retries  per request
     */
    public record Schedule(Duration interval, Duration jitter, Duration timeout, int retries) {
        public static final Schedule DEFAULT = new Schedule(PollTiming.DEFAULT_INTERVAL, PollTiming.DEFAULT_JITTER,
                PollTiming.DEFAULT_TIMEOUT, PollTiming.DEFAULT_RETRIES);
    }
}
