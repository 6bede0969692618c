package io.tunnelwatch.streams.peer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The writing half of the peer state's binary form ({@link PeerStateCodec}), as layout 2 has it: variable-length
 * integers, each time as its difference from the time written before it (most of a state's times are close to one
 * another), each distinct string written once per record (later uses are back-references) and the well-known ones
 * not at all ({@link WellKnownStrings}). Reused by one thread: {@link #reset} starts a record.
 */
final class BinaryOutput {

    /**
     * Times within this many seconds of the epoch (about 34,800 years) are chained: their microseconds, and the
     * difference of two of them zig-zag encoded and tagged, fit in 64 bits.
     */
    static final long MAX_CHAINED_SECONDS = 1L << 40;

    private byte[] buffer = new byte[1024];
    private int length;
    /**
     * The strings written in this record, in order: a back-reference is an index here. An array scanned by identity
     * then by content beats a hash map here: a record holds a few dozen strings, mostly the very instances read
     * from the previous record, whose hash codes would be computed anew for every record.
     */
    private String[] strings = new String[32];
    private int stringCount;
    /** The time written last, in microseconds from the epoch; the base second's start before any. */
    private long previousMicros;

    void reset(long baseSecond) {
        length = 0;
        Arrays.fill(strings, 0, stringCount, null);
        stringCount = 0;
        previousMicros = baseSecond * 1_000_000;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    void writeByte(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    /** An unsigned variable-length integer, 7 bits a byte, least significant first. */
    void writeUnsigned(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[length++] = (byte) value;
    }

    /** A signed variable-length integer, zig-zag encoded so small negative numbers stay short. */
    void writeSigned(long value) {
        writeUnsigned((value << 1) ^ (value >> 63));
    }

    /**
     * A time, nullable. 0 is null; an odd tag is a whole number of microseconds (what the collector's clock gives)
     * from the time written before, zig-zag encoded; 2 is any other time, its epoch second and nanoseconds written in
     * full (it does not move the previous time).
     */
    void writeInstant(Instant at) {
        if (at == null) {
            writeUnsigned(0);
            return;
        }
        long seconds = at.getEpochSecond();
        int nanos = at.getNano();
        if (nanos % 1_000 == 0 && Math.abs(seconds) < MAX_CHAINED_SECONDS) {
            long micros = seconds * 1_000_000 + nanos / 1_000;
            long delta = micros - previousMicros;
            previousMicros = micros;
            writeUnsigned((((delta << 1) ^ (delta >> 63)) << 1) | 1);
        } else {
            writeUnsigned(2);
            writeSigned(seconds);
            writeUnsigned(nanos);
        }
    }

    /**
     * A string, nullable, as one tag and maybe its text: 0 is null; a tag ending in binary 11 an index into
     * {@link WellKnownStrings}, in 01 a string written before in this record, in 10 a new string of that many UTF-8
     * bytes (the text follows). An index or a length under 32 takes one byte.
     */
    void writeString(String value) {
        if (value == null) {
            writeUnsigned(0);
            return;
        }
        int known = WellKnownStrings.indexOf(value);
        if (known >= 0) {
            writeUnsigned(((long) known << 2) | 3);
            return;
        }
        int seen = seen(value);
        if (seen >= 0) {
            writeUnsigned(((long) seen << 2) | 1);
            return;
        }
        if (stringCount == strings.length) {
            strings = Arrays.copyOf(strings, stringCount * 2);
        }
        strings[stringCount++] = value;
        // getBytes checks for non-ASCII with a vectorised intrinsic and copies: cheaper than testing char by char
        // (docs/performance.md#the-engine-under-the-load-harness-profile).
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeUnsigned(((long) utf8.length << 2) | 2);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
    }

    /**
     * The index of the string written in this record that equals {@code value}, or -1. The strings written are all
     * distinct, so an identical one is the answer.
     */
    private int seen(String value) {
        for (int i = 0; i < stringCount; i++) {
            if (strings[i] == value) {
                return i;
            }
        }
        int length = value.length();
        for (int i = 0; i < stringCount; i++) {
            String s = strings[i];
            if (s.length() == length && s.equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes as they are (their length is the caller's to write). */
    void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** An enum constant by name (not ordinal: a constant added or moved in a later release still reads). */
    void writeEnum(Enum<?> value) {
        writeString(value == null ? null : value.name());
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
