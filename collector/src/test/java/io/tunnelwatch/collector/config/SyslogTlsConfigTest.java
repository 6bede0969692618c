package io.tunnelwatch.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.collector.config.SyslogTlsConfig.ClientAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks of the TLS settings: each mistake names the file or setting at fault in one line. */
class SyslogTlsConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameAMissingCertificateFile() throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "k");
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> new SyslogTlsConfig(missing, key, null, ClientAuth.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("certificate")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldNameAMissingKeyFile() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "c");
        Path missing = dir.resolve("key.pem");

        assertThatThrownBy(() -> new SyslogTlsConfig(cert, missing, null, ClientAuth.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void shouldRequireACaWhenClientCertificatesAreChecked() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "c");
        Path key = Files.writeString(dir.resolve("key.pem"), "k");

        assertThatThrownBy(() -> new SyslogTlsConfig(cert, key, null, ClientAuth.REQUIRED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA");
        assertThat(new SyslogTlsConfig(cert, key, null, ClientAuth.NONE).clientAuth()).isEqualTo(ClientAuth.NONE);
    }

    @Test
    void shouldReadClientAuthWordsAndRejectOthers() {
        assertThat(ClientAuth.parse("Required")).isEqualTo(ClientAuth.REQUIRED);
        assertThat(ClientAuth.parse("optional")).isEqualTo(ClientAuth.OPTIONAL);
        assertThatThrownBy(() -> ClientAuth.parse("yes")).hasMessageContaining("none, optional or required");
    }
}
