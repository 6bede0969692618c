package io.tunnelwatch.mib;

import static io.tunnelwatch.mib.Oids.column;

/**
 * CISCO-RTTMON-MIB (IP SLA) and the values of CISCO-RTTMON-TC-MIB it uses: every row is indexed by
 * rttMonCtrlAdminIndex, the {@code ip sla N} number (docs/cisco-sources.md#ip-sla-cisco-rttmon-mib).
 */
public final class RttMonMib {

    /** ciscoRttMonMIB (ciscoMgmt 42). */
    public static final String RTT_MON = Oids.child(CiscoSmi.CISCO_MGMT, 42);

    /** rttMonCtrlAdminEntry. */
    public static final String RTT_MON_CTRL_ADMIN_ENTRY = Oids.child(RTT_MON, 1, 2, 1, 1);
    /** rttMonCtrlAdminTag: free text, by convention the peer's name or address. */
    public static final String RTT_MON_CTRL_ADMIN_TAG = column(RTT_MON_CTRL_ADMIN_ENTRY, 3);
    /** rttMonCtrlAdminRttType. */
    public static final String RTT_MON_CTRL_ADMIN_RTT_TYPE = column(RTT_MON_CTRL_ADMIN_ENTRY, 4);

    /** rttMonEchoAdminEntry. */
    public static final String RTT_MON_ECHO_ADMIN_ENTRY = Oids.child(RTT_MON, 1, 2, 2, 1);
    /** rttMonEchoAdminTargetAddress: the probe's target, raw 4 or 16 octets for ICMP and UDP echo. */
    public static final String RTT_MON_ECHO_ADMIN_TARGET_ADDRESS = column(RTT_MON_ECHO_ADMIN_ENTRY, 2);

    /** rttMonCtrlOperEntry. */
    public static final String RTT_MON_CTRL_OPER_ENTRY = Oids.child(RTT_MON, 1, 2, 9, 1);
    /** rttMonCtrlOperConnectionLostOccurred: a TruthValue. */
    public static final String RTT_MON_CTRL_OPER_CONNECTION_LOST = column(RTT_MON_CTRL_OPER_ENTRY, 5);
    /** rttMonCtrlOperTimeoutOccurred: a TruthValue. */
    public static final String RTT_MON_CTRL_OPER_TIMEOUT = column(RTT_MON_CTRL_OPER_ENTRY, 6);
    /** rttMonCtrlOperState. */
    public static final String RTT_MON_CTRL_OPER_STATE = column(RTT_MON_CTRL_OPER_ENTRY, 10);

    /** rttMonLatestRttOperEntry. */
    public static final String RTT_MON_LATEST_RTT_OPER_ENTRY = Oids.child(RTT_MON, 1, 2, 10, 1);
    /** rttMonLatestRttOperCompletionTime: milliseconds. */
    public static final String RTT_MON_LATEST_RTT_OPER_COMPLETION_TIME = column(RTT_MON_LATEST_RTT_OPER_ENTRY, 1);
    /** rttMonLatestRttOperSense: the last probe's outcome, a {@link ResponseSense}. */
    public static final String RTT_MON_LATEST_RTT_OPER_SENSE = column(RTT_MON_LATEST_RTT_OPER_ENTRY, 2);

    /** rttMonReactEntry: index (rttMonCtrlAdminIndex, rttMonReactConfigIndex). */
    public static final String RTT_MON_REACT_ENTRY = Oids.child(RTT_MON, 1, 2, 19, 1);
    /** rttMonReactVar: what a reaction watches, an RttMonReactVar such as {@link #REACT_VAR_TIMEOUT}. */
    public static final String RTT_MON_REACT_VAR = column(RTT_MON_REACT_ENTRY, 2);
    /** rttMonReactOccurred: a TruthValue, whether the watched condition holds now. */
    public static final String RTT_MON_REACT_OCCURRED = column(RTT_MON_REACT_ENTRY, 10);

    /** rttMonHistoryCollectionEntry: index (admin, life, bucket, sample). */
    public static final String RTT_MON_HISTORY_COLLECTION_ENTRY = Oids.child(RTT_MON, 1, 4, 1, 1);
    /** rttMonHistoryCollectionAddress: the probe's target, raw 4 or 16 octets. */
    public static final String RTT_MON_HISTORY_COLLECTION_ADDRESS = column(RTT_MON_HISTORY_COLLECTION_ENTRY, 5);

    /** rttMonNotificationsPrefix.0 (rttMonNotifications): the parent of the notifications. */
    public static final String RTT_MON_NOTIFICATIONS = Oids.child(RTT_MON, 2, 0);
    public static final MibNotification RTT_MON_CONNECTION_CHANGE =
            MibNotification.of(RTT_MON_NOTIFICATIONS, 1, "rttMonConnectionChangeNotification");
    public static final MibNotification RTT_MON_TIMEOUT =
            MibNotification.of(RTT_MON_NOTIFICATIONS, 2, "rttMonTimeoutNotification");
    public static final MibNotification RTT_MON_THRESHOLD =
            MibNotification.of(RTT_MON_NOTIFICATIONS, 3, "rttMonThresholdNotification");
    public static final MibNotification RTT_MON_VERIFY_ERROR =
            MibNotification.of(RTT_MON_NOTIFICATIONS, 4, "rttMonVerifyErrorNotification");
    /** rttMonNotification: the notification of the rttMonReactTable reactions. */
    public static final MibNotification RTT_MON_REACTION =
            MibNotification.of(RTT_MON_NOTIFICATIONS, 5, "rttMonNotification");

    /** RttMonReactVar (CISCO-RTTMON-TC-MIB) rtt(1): a reaction on round-trip time, quality rather than reach. */
    public static final int REACT_VAR_RTT = 1;
    /** RttMonReactVar timeout(7). */
    public static final int REACT_VAR_TIMEOUT = 7;
    /** RttMonReactVar connectionLoss(8). */
    public static final int REACT_VAR_CONNECTION_LOSS = 8;

    private RttMonMib() {
    }

    /**
     * RttResponseSense (CISCO-RTTMON-TC-MIB): the outcome of one probe. These are its first eleven values, numbered
     * from other(0) in this order; the later ones (dnsServerTimeout(11) and on) belong to probe types tunnelwatch
     * does not read.
     */
    public enum ResponseSense {
        OTHER,
        OK,
        DISCONNECTED,
        OVER_THRESHOLD,
        TIMEOUT,
        BUSY,
        NOT_CONNECTED,
        DROPPED,
        SEQUENCE_ERROR,
        VERIFY_ERROR,
        APPLICATION_SPECIFIC;

        /** The number on the wire. */
        public int code() {
            return ordinal();
        }

        /** The MIB's label, e.g. {@code notConnected}. */
        public String label() {
            StringBuilder label = new StringBuilder();
            for (String word : name().toLowerCase(java.util.Locale.ROOT).split("_")) {
                label.append(label.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
            return label.toString();
        }

        /** The sense of number {@code code}, or null when the MIB gives that number no label. */
        public static ResponseSense of(long code) {
            return code >= 0 && code < values().length ? values()[(int) code] : null;
        }
    }
}
