package io.tunnelwatch.collector.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.collector.config.SyslogTlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that exist but are not PEM end the start with a one-line reason naming them. */
class TlsContextsTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheFilesWhenTheyAreNotPem() throws IOException {
        Path cert = Files.writeString(dir.resolve("server.crt"), "not a certificate\n");
        Path key = Files.writeString(dir.resolve("server.key"), "not a key\n");

        assertThatThrownBy(() -> TlsContexts.server(
                new SyslogTlsConfig(cert, key, null, SyslogTlsConfig.ClientAuth.NONE)))
                .isInstanceOf(ListenerStartException.class)
                .hasMessageContaining(cert.toString())
                .hasMessageContaining(key.toString())
                .hasMessageNotContaining("\n");
    }
}
