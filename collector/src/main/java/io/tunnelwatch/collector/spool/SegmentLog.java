package io.tunnelwatch.collector.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

/**
 * A size-capped, append-only log of records on disk, in the manner of rsyslog's disk queue and Kafka's own log:
 * segment files {@code <id>.seg} of a few MiB, each an 8-byte header ({@code TWSP}, format version) and then
 * records, each {@code [payload length][CRC32C of the payload][payload]}, the payload being the record time, topic,
 * key and value. Reading acknowledges a position, persisted in the file {@code position} (written aside and renamed
 * into place), so that a restart resumes after what was delivered; segments wholly before it are deleted, and when
 * everything is acknowledged the log deletes all its files: an idle spool takes no disk.
 *
 * <p>Appends are buffered in memory until {@link #flush}: after it they are the operating system's, so a killed
 * process ({@code kill -9}) loses none of them; the files are forced to the device when a segment is finished and on
 * {@link #close}, so a power loss can lose the records of the current segment. On opening, the last segment is read
 * through: a record cut short by a crash, or anything after the first record that does not hold, is cut off and
 * counted ({@code torn_tail}). A record that does not hold when read back later (checksum or length) is skipped and
 * counted ({@code corrupt}); nothing here throws on bad data. One thread appends and reads; {@link #bytes} may be read
 * from any.
 *
 * <p>A position is a long: the segment id in the high 32 bits, the byte offset within the segment in the low ones.
 */
public final class SegmentLog implements AutoCloseable {

    /** Default segment size: large enough that a roll is rare, small enough that a delivered one is soon deleted. */
    public static final int DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;
    static final int HEADER_BYTES = 8;
    static final int RECORD_OVERHEAD = 8;
    /** The largest payload accepted when reading back; a length above it is damage, not a record. */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;
    /** Time, topic length, key length, value length: the smallest payload. */
    private static final int MIN_PAYLOAD = 8 + 2 + 4 + 4;
    private static final int MAGIC = 0x54575350;
    private static final int VERSION = 1;
    private static final String SUFFIX = ".seg";
    private static final String POSITION_FILE = "position";
    private static final int BUFFER_BYTES = 256 * 1024;

    private final Path directory;
    private final DiskBudget budget;
    private final int segmentBytes;
    private final SpoolMeters meters;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Segment id → its size in bytes, buffered appends included. */
    private final TreeMap<Long, Long> segments = new TreeMap<>();
    private volatile long totalBytes;
    private FileChannel writeChannel;
    private long writeId = -1;
    private long nextSegmentId;
    private ByteBuffer writeBuffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long acknowledged;
    private final Reader reader = new Reader();

    private SegmentLog(Path directory, DiskBudget budget, int segmentBytes, SpoolMeters meters) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.budget = budget;
        this.segmentBytes = segmentBytes;
        this.meters = meters;
        this.lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock locked;
        try {
            locked = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            locked = null;
        }
        this.lock = locked;
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("the spool directory " + directory.toAbsolutePath()
                    + " is in use by another process");
        }
    }

    /**
     * Opens (or creates) the log in {@code directory}, cutting off a torn tail and resuming after the acknowledged
     * position.
     *
     * @param budget       the cap on the segment files (shared with the other topics' logs); an append beyond it is
     *                     refused
     * @param segmentBytes size at which a segment is finished and the next begun
     */
    public static SegmentLog open(Path directory, DiskBudget budget, int segmentBytes, SpoolMeters meters) {
        if (segmentBytes < HEADER_BYTES + RECORD_OVERHEAD + MIN_PAYLOAD || budget.maxBytes() < segmentBytes) {
            throw new IllegalArgumentException("a spool of " + budget.maxBytes() + " bytes cannot hold segments of "
                    + segmentBytes);
        }
        try {
            SegmentLog log = new SegmentLog(directory, budget, segmentBytes, meters);
            try {
                log.recover();
            } catch (IOException | RuntimeException e) {
                log.close();
                throw e;
            }
            meters.watch(log::bytes);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + directory.toAbsolutePath(), e);
        }
    }

    static long position(long segmentId, long offset) {
        return segmentId << 32 | offset;
    }

    static long segmentOf(long position) {
        return position >>> 32;
    }

    static long offsetOf(long position) {
        return position & 0xFFFF_FFFFL;
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                    try {
                        segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())),
                                Files.size(f));
                    } catch (NumberFormatException e) {
                        // not ours; left alone
                    }
                }
            }
        }
        acknowledged = readPositionFile();
        if (!segments.isEmpty()) {
            nextSegmentId = segments.lastKey() + 1;
            cutTornTail(segments.lastKey());
        } else if (acknowledged >= 0) {
            nextSegmentId = segmentOf(acknowledged) + 1;
        }
        totalBytes = segments.values().stream().mapToLong(Long::longValue).sum();
        budget.claim(totalBytes);
        if (acknowledged < 0) {
            acknowledged = segments.isEmpty() ? 0 : position(segments.firstKey(), 0);
        }
        for (Long id : segments.headMap(segmentOf(acknowledged)).keySet().toArray(new Long[0])) {
            deleteSegment(id);
        }
        if (isEmpty()) {
            clear();
        }
        reader.rewind();
    }

    /** Reads the last segment through and cuts it after its last sound record. */
    private void cutTornTail(long id) throws IOException {
        Path file = segmentFile(id);
        long size = segments.get(id);
        long sound;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            SegmentReader r = new SegmentReader(ch, size);
            if (!r.headerHolds()) {
                sound = 0;
            } else {
                long offset = HEADER_BYTES;
                while (offset < size && r.recordAt(offset) != null) {
                    offset += RECORD_OVERHEAD + r.lastPayloadLength;
                }
                sound = offset;
            }
            if (sound < size) {
                ch.truncate(sound);
                ch.force(true);
            }
        }
        if (sound < size) {
            meters.dropped(SpoolMeters.DropReason.TORN_TAIL);
        }
        if (sound == 0) {
            Files.deleteIfExists(file);
            segments.remove(id);
        } else {
            segments.put(id, sound);
        }
    }

    /** The acknowledged position of the file, or -1 when there is none or it does not hold. */
    private long readPositionFile() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(directory.resolve(POSITION_FILE));
        } catch (NoSuchFileException e) {
            return -1;
        }
        if (bytes.length != 12) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long position = b.getLong();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 8);
        return (int) crc.getValue() == b.getInt() ? position : -1;
    }

    private void writePosition(long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).putLong(position);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 8);
        b.putInt((int) crc.getValue());
        Path tmp = directory.resolve(POSITION_FILE + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, directory.resolve(POSITION_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Appends a record (buffered until {@link #flush}); returns its position, or -1 when it would take the log past
     * its cap (nothing is written then).
     */
    public long append(String topic, byte[] key, byte[] value, long timestamp) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int payload = MIN_PAYLOAD + topicBytes.length + (key == null ? 0 : key.length)
                + (value == null ? 0 : value.length);
        int size = RECORD_OVERHEAD + payload;
        boolean roll = writeChannel == null || segments.get(writeId) + size > segmentBytes
                && segments.get(writeId) > HEADER_BYTES;
        if (!budget.tryReserve(size + (roll ? HEADER_BYTES : 0))) {
            return -1;
        }
        try {
            if (roll) {
                roll();
            }
            if (writeBuffer.remaining() < size) {
                flush();
                if (writeBuffer.capacity() < size) {
                    writeBuffer = ByteBuffer.allocate(size);
                }
            }
            long offset = segments.get(writeId);
            int start = writeBuffer.position();
            writeBuffer.putInt(payload).putInt(0).putLong(timestamp).putShort((short) topicBytes.length)
                    .put(topicBytes);
            putBytes(key);
            putBytes(value);
            CRC32C crc = new CRC32C();
            crc.update(writeBuffer.array(), start + RECORD_OVERHEAD, payload);
            writeBuffer.putInt(start + 4, (int) crc.getValue());
            segments.put(writeId, offset + size);
            totalBytes += size;
            return position(writeId, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the spool in " + directory.toAbsolutePath(), e);
        }
    }

    private void putBytes(byte[] bytes) {
        if (bytes == null) {
            writeBuffer.putInt(-1);
        } else {
            writeBuffer.putInt(bytes.length).put(bytes);
        }
    }

    private void roll() throws IOException {
        if (writeChannel != null) {
            flush();
            writeChannel.force(true);
            writeChannel.close();
        }
        writeId = nextSegmentId++;
        writeChannel = FileChannel.open(segmentFile(writeId), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        writeBuffer.putInt(MAGIC).putInt(VERSION);
        segments.put(writeId, (long) HEADER_BYTES);
        totalBytes += HEADER_BYTES;
    }

    /** Hands the buffered appends to the operating system: from here a killed process loses none of them. */
    public void flush() {
        if (writeBuffer.position() == 0) {
            return;
        }
        writeBuffer.flip();
        try {
            while (writeBuffer.hasRemaining()) {
                writeChannel.write(writeBuffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the spool in " + directory.toAbsolutePath(), e);
        } finally {
            writeBuffer.clear();
        }
    }

    /** True when every record appended has been acknowledged. */
    public boolean isEmpty() {
        if (segments.isEmpty()) {
            return true;
        }
        Map.Entry<Long, Long> last = segments.lastEntry();
        return segmentOf(acknowledged) == last.getKey() && offsetOf(acknowledged) >= last.getValue();
    }

    /** Bytes of the segment files, buffered appends included. */
    public long bytes() {
        return totalBytes;
    }

    /** The next record after the read position, or null when the reader has caught up with the appends. */
    public SpoolEntry next() {
        flush();
        try {
            return reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool in " + directory.toAbsolutePath(), e);
        }
    }

    /** Moves the read position back to the acknowledged one: what was read and not acknowledged is read again. */
    public void rewind() {
        reader.rewind();
    }

    /** The read position: after the last record {@link #next} returned (or skipped as corrupt). */
    public long readPosition() {
        return position(reader.segment, reader.offset);
    }

    /** The acknowledged position. */
    public long acknowledged() {
        return acknowledged;
    }

    /**
     * Everything before {@code position} is delivered: persists it, deletes the segments wholly before it, and every
     * file when nothing is left.
     */
    public void acknowledge(long position) {
        acknowledged = position;
        try {
            for (Long id : segments.headMap(segmentOf(position)).keySet().toArray(new Long[0])) {
                deleteSegment(id);
            }
            if (isEmpty()) {
                clear();
            } else {
                writePosition(position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the spool in " + directory.toAbsolutePath(), e);
        }
    }

    /** Deletes every segment and the position: the log is empty, the next append starts a new segment. */
    private void clear() throws IOException {
        reader.close();
        if (writeChannel != null) {
            writeBuffer.clear();
            writeChannel.close();
            writeChannel = null;
        }
        for (Long id : segments.keySet().toArray(new Long[0])) {
            deleteSegment(id);
        }
        Files.deleteIfExists(directory.resolve(POSITION_FILE));
        acknowledged = position(nextSegmentId, 0);
        reader.rewind();
    }

    private void deleteSegment(long id) throws IOException {
        if (reader.segment == id) {
            reader.close();
        }
        Files.deleteIfExists(segmentFile(id));
        Long size = segments.remove(id);
        if (size != null) {
            totalBytes -= size;
            budget.release(size);
        }
    }

    private Path segmentFile(long id) {
        return directory.resolve(String.format("%020d%s", id, SUFFIX));
    }

    /** Flushes and forces what was appended, persists the acknowledged position and releases the directory. */
    @Override
    public void close() {
        try {
            if (writeChannel != null) {
                flush();
                writeChannel.force(true);
                writeChannel.close();
                writeChannel = null;
            }
            reader.close();
            if (!segments.isEmpty()) {
                writePosition(acknowledged);
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the spool in " + directory.toAbsolutePath(), e);
        }
    }

    /**
     * What a killed process leaves: the files as the operating system has them (buffered appends lost, nothing
     * forced, the position as last acknowledged) and the directory free. For tests.
     */
    void crash() {
        try {
            if (writeChannel != null) {
                writeChannel.close();
            }
            reader.close();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The read side: a position and the open segment under it. */
    private final class Reader {
        long segment = -1;
        long offset;
        FileChannel channel;
        SegmentReader records;

        void rewind() {
            close();
            segment = segmentOf(acknowledged);
            offset = offsetOf(acknowledged);
        }

        SpoolEntry next() throws IOException {
            while (true) {
                Map.Entry<Long, Long> seg = segments.ceilingEntry(segment);
                if (seg == null) {
                    return null;
                }
                if (seg.getKey() != segment) {
                    close();
                    segment = seg.getKey();
                    offset = 0;
                }
                long size = seg.getValue();
                if (channel == null) {
                    channel = FileChannel.open(segmentFile(segment), StandardOpenOption.READ);
                    records = new SegmentReader(channel, size);
                }
                records.size = size;
                if (offset < HEADER_BYTES) {
                    if (!records.headerHolds()) {
                        meters.dropped(SpoolMeters.DropReason.CORRUPT);
                        offset = size;
                    } else {
                        offset = HEADER_BYTES;
                    }
                }
                if (offset >= size) {
                    if (segments.higherKey(segment) == null) {
                        return null;
                    }
                    close();
                    segment = segments.higherKey(segment);
                    offset = 0;
                    continue;
                }
                SpoolRecord record = records.recordAt(offset);
                if (record == null) {
                    meters.dropped(SpoolMeters.DropReason.CORRUPT);
                    // A length that holds lets the reader step over the damaged record; one that does not, no.
                    offset = records.lastPayloadLength > 0 ? offset + RECORD_OVERHEAD + records.lastPayloadLength
                            : size;
                    continue;
                }
                long at = position(segment, offset);
                offset += RECORD_OVERHEAD + records.lastPayloadLength;
                return new SpoolEntry(at, position(segment, offset), record);
            }
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // read-only: nothing to lose
                }
                channel = null;
                records = null;
            }
        }
    }

    /** Reads records of one segment file through a buffer. */
    private static final class SegmentReader {
        private static final byte[] MALFORMED = new byte[0];
        private final FileChannel channel;
        long size;
        private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        private long bufferStart;
        /**
         * The payload length of the last record asked for when its frame held (also when only its checksum did
         * not), else 0.
         */
        int lastPayloadLength;

        SegmentReader(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
            this.buffer.limit(0);
        }

        boolean headerHolds() throws IOException {
            ByteBuffer b = bytesAt(0, HEADER_BYTES);
            return b != null && b.getInt() == MAGIC && b.getInt() == VERSION;
        }

        /** The record at {@code offset}, or null when it does not hold. */
        SpoolRecord recordAt(long offset) throws IOException {
            lastPayloadLength = 0;
            ByteBuffer head = bytesAt(offset, RECORD_OVERHEAD);
            if (head == null) {
                return null;
            }
            int length = head.getInt();
            int crc = head.getInt();
            if (length < MIN_PAYLOAD || length > MAX_PAYLOAD || offset + RECORD_OVERHEAD + length > size) {
                return null;
            }
            ByteBuffer p = bytesAt(offset + RECORD_OVERHEAD, length);
            if (p == null) {
                return null;
            }
            lastPayloadLength = length;
            CRC32C c = new CRC32C();
            c.update(p.duplicate());
            if ((int) c.getValue() != crc) {
                return null;
            }
            return decode(p, length);
        }

        /** The record of a payload whose checksum held, or null when its lengths do not add up. */
        private static SpoolRecord decode(ByteBuffer p, int length) {
            int end = p.position() + length;
            long timestamp = p.getLong();
            int topicLength = p.getShort() & 0xFFFF;
            if (topicLength > p.remaining()) {
                return null;
            }
            byte[] topic = new byte[topicLength];
            p.get(topic);
            byte[] key = bytes(p);
            byte[] value = key == MALFORMED ? MALFORMED : bytes(p);
            if (value == MALFORMED || p.position() != end) {
                return null;
            }
            return new SpoolRecord(new String(topic, StandardCharsets.UTF_8), key, value, timestamp);
        }

        /** A length-prefixed array: null for length -1, {@link #MALFORMED} when the length does not fit. */
        private static byte[] bytes(ByteBuffer p) {
            if (p.remaining() < 4) {
                return MALFORMED;
            }
            int n = p.getInt();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > p.remaining()) {
                return MALFORMED;
            }
            byte[] b = new byte[n];
            p.get(b);
            return b;
        }

        /** {@code n} bytes at {@code offset}, positioned at their start and limited to them; null past the end. */
        private ByteBuffer bytesAt(long offset, int n) throws IOException {
            if (offset + n > size) {
                return null;
            }
            if (offset < bufferStart || offset + n > bufferStart + buffer.limit()) {
                if (buffer.capacity() < n) {
                    buffer = ByteBuffer.allocate(n);
                }
                buffer.clear();
                long at = offset;
                while (buffer.position() < n) {
                    int read = channel.read(buffer, at);
                    if (read < 0) {
                        return null;
                    }
                    at += read;
                }
                buffer.flip();
                bufferStart = offset;
            }
            ByteBuffer b = buffer.duplicate();
            b.position((int) (offset - bufferStart));
            b.limit((int) (offset - bufferStart) + n);
            return b;
        }
    }
}
