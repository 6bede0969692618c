package io.tunnelwatch.events;

/** The IKE version a message speaks of, when it says (IKEV2_SESSION_STATUS does, SESSION_STATUS means IKEv1). */
public enum IkeVersion {
    IKEV1,
    IKEV2,
    UNKNOWN
}
