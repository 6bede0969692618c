package io.tunnelwatch.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** {@code /healthz} and {@code /readyz} as a probe or {@code curl} sees them: the status and the body. */
final class HealthProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Answer(int status, String body) {
    }

    private HealthProbe() {
    }

    /** GET {@code path} as plain text. */
    static Answer get(int port, String path) {
        return get(port, path, "text/plain");
    }

    static Answer get(int port, String path, String accept) {
        return tryGet(port, path, accept).orElseThrow(() ->
                new IllegalStateException("nothing answers HTTP on port " + port));
    }

    /** Empty while nothing listens on the port yet. */
    static Optional<Answer> tryGet(int port, String path, String accept) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", accept).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(r.statusCode(), r.body()));
        } catch (ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on port " + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
