package io.tunnelwatch.launcher.http;

import java.util.Objects;

/**
 * How the HTTP endpoint is protected: who may read it ({@link HttpAccess}) and whether it speaks HTTPS.
 *
 * @param access who may read it
 * @param tls    HTTPS, or null for plain HTTP
 */
public record HttpSecurity(HttpAccess access, HttpTls tls) {

    public HttpSecurity {
        Objects.requireNonNull(access, "access");
    }

    /** Plain HTTP, open to all: the default, for a loopback bind or behind a network policy. */
    public static HttpSecurity none() {
        return new HttpSecurity(HttpAccess.open(), null);
    }

    /** {@code https} or {@code http}, for the links and redirects the endpoint hands out. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }
}
