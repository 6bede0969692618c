package io.tunnelwatch.collector.syslog;

/**
 * Names the router a message came from. DESIGN.md: the inventory name by sender address, else the origin-id
 * hostname, else the sender IP. Until the inventory exists, the sender IP.
 */
@FunctionalInterface
public interface DeviceResolver {

    /**
     * @param senderIp canonical sender address
     * @param originId the {@code logging origin-id} token of the header, or null
     */
    String deviceFor(String senderIp, String originId);

    /** The device is the sender's address. */
    static DeviceResolver bySenderAddress() {
        return (senderIp, originId) -> senderIp;
    }
}
