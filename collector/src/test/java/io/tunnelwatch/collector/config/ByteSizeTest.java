package io.tunnelwatch.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1048576,1048576", "64k,65536", "512MiB,536870912", "1GiB,1073741824", "2 GB,2147483648",
        "1g,1073741824"})
    void shouldReadBytesOrANumberWithABinaryUnit(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GiB", "-1", "1.5GiB", "12XB", "99999999999999999999"})
    void shouldRejectWhatIsNotASizeNamingIt(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a size");
    }
}
