package io.tunnelwatch.collector.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * How the collector speaks SNMP to one device: community-based SNMPv2c (RFC 3416) or user-based SNMPv3
 * (USM, RFC 3414). Keys and communities are {@link Secret}s, so these records print without them.
 */
public sealed interface SnmpCredentials {

    /** The agent's standard UDP port. */
    int DEFAULT_PORT = 161;

    /** When and how patiently the device is polled. */
    PollTiming poll();

    /** How often the device's counters are polled; null: the poller's default. */
    default Duration pollInterval() {
        return poll().interval();
    }

    /** The agent's UDP port (161 unless the inventory says otherwise, e.g. for simulated agents). */
    int port();

    /** SNMPv2c: a read community. */
    record V2c(Secret community, PollTiming poll, int port) implements SnmpCredentials {
        public V2c {
            Objects.requireNonNull(community, "community");
            Objects.requireNonNull(poll, "poll");
        }

        public V2c(Secret community, Duration pollInterval) {
            this(community, PollTiming.every(pollInterval), DEFAULT_PORT);
        }
    }

    /**
     * SNMPv3 with USM: noAuthNoPriv without keys, authNoPriv with an auth key, authPriv with both.
     *
     * @param authProtocol MD5, SHA, SHA224, SHA256, SHA384 or SHA512; null without authentication
     * @param privProtocol DES, 3DES, AES (AES128), AES192 or AES256; null without privacy
     * @param engineId     the device's snmpEngineID in hex, needed to accept its v3 traps (their keys are localized
     *                     to the sender's engine); null when it sends informs only, or no traps (polling
     *                     discovers it)
     */
    record V3(String user, String authProtocol, Secret authKey, String privProtocol, Secret privKey,
              PollTiming poll, int port, String engineId) implements SnmpCredentials {
        public V3 {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(poll, "poll");
        }

        public V3(String user, String authProtocol, Secret authKey, String privProtocol, Secret privKey,
                  Duration pollInterval) {
            this(user, authProtocol, authKey, privProtocol, privKey, PollTiming.every(pollInterval), DEFAULT_PORT,
                    null);
        }

        /** The USM security level these settings give. */
        public String securityLevel() {
            if (authKey == null) {
                return "noAuthNoPriv";
            }
            return privKey == null ? "authNoPriv" : "authPriv";
        }
    }
}
