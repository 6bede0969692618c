package io.tunnelwatch.streams.peer;

/**
 * Whether a peer has a live IPsec SA (docs/runbook.md#ipsec-layer): from SESSION_STATUS and the polled SA row count.
 */
public enum IpsecState {
    UNKNOWN,
    NO_SA,
    UP
}
