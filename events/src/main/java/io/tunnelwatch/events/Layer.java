package io.tunnelwatch.events;

/**
 * The runbook's layers, lowest first (docs/runbook.md#how-to-work-an-alert). Only the lowest broken layer of a peer
 * raises an alert, so the
 * declaration order is meaningful: {@link #compareTo} says which layer is lower.
 */
public enum Layer {
    DEVICE,
    UNDERLAY,
    IKE,
    IPSEC,
    TRAFFIC,
    ROUTING,
    NAT_T,
    MTU
}
