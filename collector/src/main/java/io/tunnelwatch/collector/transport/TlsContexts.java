package io.tunnelwatch.collector.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tunnelwatch.collector.config.SyslogTlsConfig;
import javax.net.ssl.SSLException;

/** Builds the server {@link SslContext} of the RFC 5425 listener from the configured PEM files. */
final class TlsContexts {

    /** RFC 5425 §4.2 requires TLS 1.2 at least; older versions are not offered. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** @throws ListenerStartException naming the files when they are not a usable certificate, key or CA */
    static SslContext server(SyslogTlsConfig tls) {
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(tls.certificate().toFile(), tls.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .clientAuth(switch (tls.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRED -> ClientAuth.REQUIRE;
                    });
            if (tls.trustedCa() != null) {
                builder.trustManager(tls.trustedCa().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ListenerStartException("cannot use the syslog TLS files (certificate " + tls.certificate()
                    + ", key " + tls.privateKey() + (tls.trustedCa() == null ? "" : ", CA " + tls.trustedCa())
                    + "): " + e.getMessage() + "; the key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)", e);
        }
    }
}
