package io.tunnelwatch.collector.framing;

/** Why {@link SyslogFrameDecoder} threw bytes away instead of passing a frame on. */
public enum FrameProblem {
    /** A frame (declared by its octet count, or a line) longer than the maximum frame length. */
    TOO_LONG,
    /** An RFC 6587 octet count that is not {@code 1*DIGIT SP} (letters, a leading zero, too many digits). */
    BAD_OCTET_COUNT,
    /** The connection closed before the octets its count announced had all arrived. */
    TRUNCATED
}
