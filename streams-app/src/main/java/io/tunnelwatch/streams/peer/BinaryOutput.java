package io.tunnelwatch.streams.peer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The writing half of the peer state's binary form ({@link PeerStateCodec}): variable-length integers, times relative
 * to one base second, and each distinct string written once per record (later uses are back-references). Reused by
 * one thread: {@link #reset} starts a record.
 */
final class BinaryOutput {

    private byte[] buffer = new byte[1024];
    private int length;
    private final Map<String, Integer> strings = new HashMap<>();
    private long baseSecond;

    void reset(long baseSecond) {
        length = 0;
        strings.clear();
        this.baseSecond = baseSecond;
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
     * A time, nullable. 0 is null; an odd tag is a whole number of microseconds from the base second (what the
     * collector's clock gives); 2 is any other time, its epoch second and nanoseconds written in full.
     */
    void writeInstant(Instant at) {
        if (at == null) {
            writeUnsigned(0);
            return;
        }
        long seconds = at.getEpochSecond() - baseSecond;
        int nanos = at.getNano();
        if (nanos % 1_000 == 0 && Math.abs(seconds) < (1L << 40)) {
            long micros = seconds * 1_000_000 + nanos / 1_000;
            writeUnsigned((((micros << 1) ^ (micros >> 63)) << 1) | 1);
        } else {
            writeUnsigned(2);
            writeSigned(at.getEpochSecond());
            writeUnsigned(nanos);
        }
    }

    /** A string, nullable: 0 is null, 1 + index a string written before in this record, 2 + length a new one. */
    void writeString(String value) {
        if (value == null) {
            writeUnsigned(0);
            return;
        }
        Integer seen = strings.get(value);
        if (seen != null) {
            writeUnsigned(1);
            writeUnsigned(seen);
            return;
        }
        strings.put(value, strings.size());
        // getBytes checks for non-ASCII with a vectorised intrinsic and copies: cheaper than testing char by char
        // (docs/performance.md#the-engine-under-the-load-harness-profile).
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeUnsigned(2L + utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
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
