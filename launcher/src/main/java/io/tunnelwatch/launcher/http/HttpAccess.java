package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Who may read the HTTP endpoint: anyone (the default, for a loopback bind or a network policy), the holder of a
 * bearer token, or one basic-auth user. The probes ({@code /healthz}, {@code /readyz}, {@code /-/healthy}) stay open
 * whatever is configured: a Kubernetes probe sends no credentials and they tell nothing about the fleet. A refused
 * request is answered 401 with a {@code WWW-Authenticate} challenge, counted in
 * {@code tunnelwatch_http_requests_refused_total{reason}} and logged at most once a minute, without the credential
 * it carried.
 */
public final class HttpAccess extends Authenticator {

    static final Set<String> OPEN_PATHS = Set.of(HealthHandler.HEALTH, HealthHandler.READY,
            HttpEndpoint.EXPORTER_HEALTHY);
    private static final String REALM = "tunnelwatch";
    private static final RateLimitedLog REFUSALS =
            new RateLimitedLog(LoggerFactory.getLogger(HttpAccess.class), Duration.ofMinutes(1));

    private enum Scheme { OPEN, BEARER, BASIC }

    private final Scheme scheme;
    private final String user;
    private final byte[] expected;
    private Counter missing;
    private Counter wrong;

    private HttpAccess(Scheme scheme, String user, byte[] expected) {
        this.scheme = scheme;
        this.user = user;
        this.expected = expected;
    }

    /** No credentials asked for. */
    public static HttpAccess open() {
        return new HttpAccess(Scheme.OPEN, null, new byte[0]);
    }

    /** {@code Authorization: Bearer TOKEN} required. */
    public static HttpAccess bearer(String token) {
        requireUsable(token, "the bearer token");
        return new HttpAccess(Scheme.BEARER, null, token.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Authorization: Basic …} of this user and password required. */
    public static HttpAccess basic(String user, String password) {
        requireUsable(user, "the basic-auth user");
        requireUsable(password, "the basic-auth password");
        if (user.contains(":")) {
            throw new IllegalArgumentException("the basic-auth user must not contain ':'");
        }
        return new HttpAccess(Scheme.BASIC, user,
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void requireUsable(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (!value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " has leading or trailing blanks or control characters");
        }
    }

    public boolean requiresCredentials() {
        return scheme != Scheme.OPEN;
    }

    /** Counts refusals on {@code registry}; call once, before the endpoint starts. */
    HttpAccess countedIn(MeterRegistry registry) {
        missing = refusals(registry, "missing");
        wrong = refusals(registry, "wrong");
        return this;
    }

    private static Counter refusals(MeterRegistry registry, String reason) {
        return Counter.builder("tunnelwatch.http.requests.refused")
                .description("HTTP requests refused for missing or wrong credentials")
                .tag("reason", reason).register(registry);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if (scheme == Scheme.OPEN || OPEN_PATHS.contains(exchange.getRequestURI().getPath())) {
            return new Success(new HttpPrincipal("anonymous", REALM));
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String prefix = scheme == Scheme.BEARER ? "Bearer " : "Basic ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return refuse(exchange, missing, "no " + prefix.strip() + " credentials");
        }
        byte[] offered = offered(header.substring(prefix.length()).strip());
        if (offered == null || !MessageDigest.isEqual(offered, expected)) {
            return refuse(exchange, wrong, "wrong " + prefix.strip() + " credentials");
        }
        return new Success(new HttpPrincipal(scheme == Scheme.BASIC ? user : "bearer", REALM));
    }

    private byte[] offered(String credentials) {
        if (scheme == Scheme.BEARER) {
            return credentials.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private Result refuse(HttpExchange exchange, Counter counter, String why) {
        if (counter != null) {
            counter.increment();
        }
        REFUSALS.warn(why, "HTTP {} {} from {} refused: {}", exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRemoteAddress().getAddress().getHostAddress(), why);
        exchange.getResponseHeaders().set("WWW-Authenticate",
                (scheme == Scheme.BEARER ? "Bearer" : "Basic") + " realm=\"" + REALM + "\"");
        return new Retry(401);
    }

    @Override
    public String toString() {
        return "HttpAccess[" + scheme + (user == null ? "" : ", user " + user) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpAccess other && scheme == other.scheme && Objects.equals(user, other.user)
                && MessageDigest.isEqual(expected, other.expected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, user);
    }
}
