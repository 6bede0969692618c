package io.tunnelwatch.streams.reject;

/** Why an input record was skipped: the bounded {@code reason} tag of the rejected-records counter. */
public enum RejectReason {
    /** The key bytes are no {@code device|peer} text. */
    UNREADABLE_KEY,
    /** The value bytes are no value of the topic: garbage, an unknown kind or enum member, a required field absent. */
    UNREADABLE_VALUE,
    /** A record without a key: it belongs to no peer. */
    NULL_KEY,
    /** A record without a value, or with zero bytes of it. */
    EMPTY_VALUE,
    /**
     * The record's or the value's time lies too far from the wall clock ({@link InputValidator#MAX_AGE},
     * {@link InputValidator#MAX_AHEAD}).
     */
    TIME_OUT_OF_RANGE,
    /** A counter, a delta or an SA count below zero. */
    NEGATIVE_COUNTER,
    /** A field outside its domain: a severity outside 0..7, an empty device or peer, a value of another key's peer. */
    INVALID_VALUE,
    /** One of our processors threw on the record (a bug, or an input no check foresaw): skipped, not retried. */
    PROCESSING_ERROR;

    /** The tag value, in lower case. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
