package io.tunnelwatch.collector.framing;

/** The two TCP syslog framings of RFC 6587, and the state before the first byte decided which one a sender uses. */
public enum Framing {
    /** Nothing but keepalives has arrived yet. */
    UNDECIDED,
    /** RFC 6587 §3.4.1: {@code MSG-LEN SP SYSLOG-MSG}; the only framing RFC 5425 (TLS) allows. */
    OCTET_COUNTING,
    /** RFC 6587 §3.4.2: each message ends with LF (a CR before it is dropped) or NUL. */
    NON_TRANSPARENT
}
