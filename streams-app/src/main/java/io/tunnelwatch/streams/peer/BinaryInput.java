package io.tunnelwatch.streams.peer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reading half of the peer state's binary form ({@link BinaryOutput}). Every read checks the bounds, so a
 * truncated or corrupt record fails with {@link IllegalArgumentException} instead of reading past its end.
 */
final class BinaryInput {

    /** More items than any bounded list of the state holds: a count above it is corruption, not data. */
    static final int MAX_COUNT = 1024;

    private final byte[] bytes;
    private int position;
    private final List<String> strings = new ArrayList<>();
    private long baseSecond;
    /** Whether the record is in layout 2: times chained, strings tagged as {@link BinaryOutput} writes them. */
    private boolean layoutTwo;
    private long previousMicros;

    BinaryInput(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    /**
     * Layout 1 of the peer state: every time is relative to this second; a string tag is 0 (null), 1 and an index
     * (written before) or 2 + its length.
     */
    void layoutOne(long baseSecond) {
        this.baseSecond = baseSecond;
        this.layoutTwo = false;
    }

    /**
     * What {@link BinaryOutput} writes (layouts 2 and 3, and a timeline section): every time is relative to the one read before, the first to this second;
     * strings as {@link BinaryOutput#writeString} tags them.
     */
    void layoutTwo(long baseSecond) {
        if (Math.abs(baseSecond) >= BinaryOutput.MAX_CHAINED_SECONDS) {
            throw new IllegalArgumentException("base second out of range: " + baseSecond);
        }
        this.previousMicros = baseSecond * 1_000_000;
        this.layoutTwo = true;
    }

    boolean atEnd() {
        return position == bytes.length;
    }

    int position() {
        return position;
    }

    int readByte() {
        if (position >= bytes.length) {
            throw new IllegalArgumentException("record ends at byte " + position);
        }
        return bytes[position++] & 0xFF;
    }

    boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new IllegalArgumentException("not a boolean at byte " + (position - 1) + ": " + b);
        }
        return b == 1;
    }

    long readUnsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("variable-length integer longer than 10 bytes at byte " + position);
    }

    long readSigned() {
        long raw = readUnsigned();
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readInt() {
        long value = readSigned();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer out of range at byte " + position + ": " + value);
        }
        return (int) value;
    }

    int readCount() {
        long count = readUnsigned();
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("list of " + count + " items at byte " + position);
        }
        return (int) count;
    }

    Instant readInstant() {
        long tag = readUnsigned();
        if (tag == 0) {
            return null;
        }
        if ((tag & 1) == 1) {
            long zigzag = tag >>> 1;
            long micros = (zigzag >>> 1) ^ -(zigzag & 1);
            if (layoutTwo) {
                micros = Math.addExact(previousMicros, micros);
                previousMicros = micros;
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                        Math.floorMod(micros, 1_000_000) * 1_000L);
            }
            return Instant.ofEpochSecond(baseSecond + Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1_000L);
        }
        if (tag != 2) {
            throw new IllegalArgumentException("unknown time tag " + tag + " at byte " + position);
        }
        long seconds = readSigned();
        long nanos = readUnsigned();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    String readString() {
        long tag = readUnsigned();
        if (tag == 0) {
            return null;
        }
        if (!layoutTwo) {
            return tag == 1 ? readReference(readUnsigned()) : readText(tag - 2);
        }
        long value = tag >>> 2;
        return switch ((int) (tag & 3)) {
            case 3 -> {
                if (value >= WellKnownStrings.LIST.size()) {
                    throw new IllegalArgumentException("well-known string " + value + " of "
                            + WellKnownStrings.LIST.size() + " at byte " + position);
                }
                yield WellKnownStrings.LIST.get((int) value);
            }
            case 1 -> readReference(value);
            case 2 -> readText(value);
            default -> throw new IllegalArgumentException("unknown string tag " + tag + " at byte " + position);
        };
    }

    private String readReference(long index) {
        if (index >= strings.size()) {
            throw new IllegalArgumentException("reference to string " + index + " of " + strings.size()
                    + " at byte " + position);
        }
        return strings.get((int) index);
    }

    private String readText(long size) {
        if (size > bytes.length - position) {
            throw new IllegalArgumentException("string of " + size + " bytes at byte " + position + " of "
                    + bytes.length);
        }
        String value = new String(bytes, position, (int) size, StandardCharsets.UTF_8);
        position += (int) size;
        strings.add(value);
        return value;
    }

    /** The next {@code size} bytes, copied. */
    byte[] readBytes(long size) {
        if (size > bytes.length - position) {
            throw new IllegalArgumentException(size + " bytes at byte " + position + " of " + bytes.length);
        }
        byte[] copy = Arrays.copyOfRange(bytes, position, position + (int) size);
        position += (int) size;
        return copy;
    }

    <E extends Enum<E>> E readEnum(Class<E> type) {
        String name = readString();
        return name == null ? null : Enum.valueOf(type, name);
    }
}
