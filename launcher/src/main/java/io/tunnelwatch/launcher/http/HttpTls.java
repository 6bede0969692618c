package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * HTTPS for the HTTP endpoint from a PEM certificate chain and an unencrypted PKCS#8 PEM key, the same files the
 * syslog TLS listener takes. Netty reads the PEM files (the JDK has no PEM reader) and hands over a JDK
 * {@link SSLContext}; TLS 1.2 and 1.3 only.
 */
public final class HttpTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;

    private HttpTls(SSLContext context) {
        this.context = context;
    }

    /** @throws IllegalArgumentException naming the files when they are not a usable certificate and key */
    public static HttpTls fromPem(Path certificate, Path privateKey) {
        try {
            JdkSslContext netty = (JdkSslContext) SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
            return new HttpTls(netty.context());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the HTTP TLS files (certificate " + certificate + ", key "
                    + privateKey + "): " + e.getMessage() + "; the key must be an unencrypted PKCS#8 PEM"
                    + " (BEGIN PRIVATE KEY)", e);
        }
    }

    HttpsConfigurator configurator() {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setProtocols(PROTOCOLS);
                params.setSSLParameters(parameters);
            }
        };
    }
}
