package io.tunnelwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void shouldPutEveryStoreOnTheOneSharedBudget() {
        try (Options first = storeOptions(); Options second = storeOptions()) {
            new BoundedRocksDbMemory().setConfig("peer-state", first, Map.of());
            new BoundedRocksDbMemory().setConfig("tunnel-pairs", second, Map.of());

            for (Options options : new Options[] {first, second}) {
                BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
                assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(options.writeBufferSize()).isEqualTo(BoundedRocksDbMemory.WRITE_BUFFER_BYTES);
                assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
            }
        }
    }

    /**
     * An all-in-one opens about fifty stores of two column families each, most holding a few entries between
     * flushes. The shared write buffer budget must not count them as full: if it does, each write flushes its
     * store's near-empty memtable and, with a flush pending, stops the StreamThread until it ends.
     */
    @Test
    void shouldLeaveAHundredNearlyEmptyStoresUnflushed(@TempDir Path dir) throws RocksDBException {
        List<Options> options = new ArrayList<>();
        List<RocksDB> stores = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Options store = storeOptions().setCreateIfMissing(true);
                new BoundedRocksDbMemory().setConfig("store-" + i, store, Map.of());
                options.add(store);
                stores.add(RocksDB.open(store, dir.resolve("store-" + i).toString()));
            }
            for (int round = 0; round < 3; round++) {
                for (RocksDB store : stores) {
                    store.put(("peer-" + round).getBytes(StandardCharsets.UTF_8), new byte[1_500]);
                }
            }

            for (RocksDB store : stores) {
                // a flush the budget asks for switches the memtable in the writing thread, before the write returns
                assertThat(store.getLongProperty("rocksdb.num-immutable-mem-table")).isZero();
                assertThat(store.getProperty("rocksdb.num-files-at-level0")).isEqualTo("0");
                assertThat(store.getLongProperty("rocksdb.num-entries-active-mem-table")).isEqualTo(3);
            }
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    @Test
    void shouldBeTheStreamsAppsRocksDbConfigSetter() {
        var properties = new StreamsSettings("127.0.0.1:9", "app", java.nio.file.Path.of("state"), 1, 1, null,
                Map.of()).toProperties();

        assertThat(properties.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                .isEqualTo(BoundedRocksDbMemory.class);
    }

    /** What Kafka Streams hands a config setter: options with a block-based table format already set. */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
