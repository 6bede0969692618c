package io.tunnelwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

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
