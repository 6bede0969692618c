package io.tunnelwatch.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of every RocksDB store of this process together. Left to their defaults, each store (one
 * per store and partition: a few dozen in an all-in-one) gets its own block cache and up to three 16 MiB memtables,
 * outside the Java heap and unbounded as a whole; the soak run saw the process grow beyond its heap minute after
 * minute (docs/reliability.md#soak). Here all stores share one LRU block cache of {@link #CACHE_BYTES}, their
 * memtables are charged to that same cache through one {@link WriteBufferManager} (at most {@link #MEMTABLE_BYTES}),
 * and index and filter blocks live in the cache too instead of beside it.
 *
 * <p>Shared by every store of the process, so the cache and the manager are created once and never closed by a
 * store (RocksDB frees them when the process ends). The state is small (a few hundred bytes to a few KB per peer)
 * and read mostly from Kafka Streams' own record cache, so the budget is modest.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Block cache shared by every store, memtables included. */
    public static final long CACHE_BYTES = 64L * 1024 * 1024;
    /** Of the cache, what all memtables together may hold before RocksDB flushes them. */
    public static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
    /** One store's memtable: small, since a store takes writes only at commits (record caching). */
    static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;
    /**
     * The step in which a memtable takes memory. RocksDB's default is an eighth of the write buffer (512 KiB here),
     * and the write buffer manager counts every memtable that holds a single entry at that step: the two column
     * families (data and Kafka Streams' offsets) of some fifty stores reached the budget with almost no data in
     * them. Writes then kept flushing near-empty memtables, and one that came while a flush of its store was still
     * pending stopped the StreamThread until that flush ended
     * (docs/performance.md#rocksdb-write-stalls-and-the-collectors-batches).
     */
    static final long ARENA_BLOCK_BYTES = 64L * 1024;

    private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: not closed with one of them
    }
}
