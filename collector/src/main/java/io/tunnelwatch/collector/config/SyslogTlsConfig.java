package io.tunnelwatch.collector.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Syslog over TLS (RFC 5425): the server's certificate chain and key as PEM files, and how client certificates are
 * treated. Files are checked here, at start-up, so a typo ends the start with the name of the file.
 *
 * @param certificate the server certificate chain, PEM
 * @param privateKey  its private key, PEM, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl req
 *                    -newkey} writes)
 * @param trustedCa   CA certificates, PEM, that client certificates must chain to; null when clients are not asked
 * @param clientAuth  whether a client certificate is not asked for, optional, or required
 */
public record SyslogTlsConfig(Path certificate, Path privateKey, Path trustedCa, ClientAuth clientAuth) {

    /** How the server treats client certificates (RFC 5425 §5.1 lets the server authenticate clients). */
    public enum ClientAuth {
        NONE, OPTIONAL, REQUIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@code none}, {@code optional} or {@code required}. */
        public static ClientAuth parse(String text) {
            for (ClientAuth a : values()) {
                if (a.label().equalsIgnoreCase(text.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("syslog TLS client auth must be none, optional or required, was '"
                    + text + "'");
        }
    }

    public SyslogTlsConfig {
        Objects.requireNonNull(clientAuth, "clientAuth");
        requireReadable(certificate, "certificate");
        requireReadable(privateKey, "private key");
        if (trustedCa != null) {
            requireReadable(trustedCa, "CA");
        } else if (clientAuth != ClientAuth.NONE) {
            throw new IllegalArgumentException("syslog TLS client auth '" + clientAuth.label()
                    + "' needs a CA file to check client certificates against");
        }
    }

    private static void requireReadable(Path file, String what) {
        if (file == null) {
            throw new IllegalArgumentException("syslog TLS needs a " + what + " file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("syslog TLS " + what + " file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("syslog TLS " + what + " file " + file + " is not readable");
        }
    }
}
