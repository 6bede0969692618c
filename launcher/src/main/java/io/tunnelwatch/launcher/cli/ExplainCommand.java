package io.tunnelwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.events.json.Json;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tunnelwatch explain DEVICE PEER} (docs/architecture.md#command-line-roles): asks a running streams app for the
 * peer
 * ({@code GET /peers/{device}/{peer}}, following a redirect to the instance that owns it) and prints what is wrong,
 * at which layer, why, and what to run next. Of a peer it does not know, it lists the device's peers it knows, or
 * the devices when it knows none of the device's ({@code GET /peers/{device}}, {@code GET /peers}, merged over every
 * streams instance).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains one tunnel for the engineer on call: what is wrong, at which layer, why (evidence),"
                + " and the IOS-XE commands to run next.")
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The router, as tunnelwatch names it.")
    String device;

    @Parameters(index = "1", paramLabel = "PEER", description = "The remote IKE peer address.")
    String peer;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:9400", paramLabel = "URL",
            description = "HTTP endpoint of a tunnelwatch process running the streams app (default: ${DEFAULT-VALUE}).")
    String url;

    @Mixin
    HttpCredentialOptions credentials = new HttpCredentialOptions();

    @Option(names = "--http-ca", paramLabel = "PEM",
            description = "Trust the HTTPS endpoint's certificate if this CA (PEM) signed it, besides the JVM's CAs.")
    Path httpCa;

    private HttpClient http;
    private String authorization;

    @Override
    public Integer call() throws IOException, InterruptedException {
        http = client();
        authorization = credentials.authorizationHeader();
        String base = url.replaceAll("/+$", "");
        URI uri = URI.create(base + "/peers/" + encode(device) + "/" + encode(peer));
        HttpResponse<String> response;
        try {
            response = get(uri);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + url + " (" + e + "); is tunnelwatch running there?"
                    + " Use --url", e);
        }
        if (response.statusCode() == 404) {
            ExplainRenderer.Known peers = known(base, "/peers/" + encode(device), "peers");
            ExplainRenderer.Known devices = peers != null && !peers.names().isEmpty() ? null
                    : known(base, "/peers", "devices");
            System.err.print(ExplainRenderer.unknown(device, peer, peers, devices));
            return 3;
        }
        if (response.statusCode() == 401) {
            System.err.println(uri + " asks for credentials: give the endpoint's --http-bearer-token-file, or"
                    + " --http-basic-auth-user and --http-basic-auth-password-file");
            return 2;
        }
        if (response.statusCode() != 200) {
            System.err.println(uri + " answered " + response.statusCode() + ": " + response.body());
            return 2;
        }
        System.out.print(ExplainRenderer.render(Json.mapper().readTree(response.body())));
        return 0;
    }

    /**
     * The names under {@code field} of {@code path}, from the instance at {@code base} and every other instance it
     * names; null when the listing cannot be had (then only the peer is said to be unknown).
     */
    private ExplainRenderer.Known known(String base, String path, String field) throws InterruptedException {
        SortedSet<String> names = new TreeSet<>();
        boolean more = false;
        List<String> bases = new ArrayList<>(List.of(base));
        for (int i = 0; i < bases.size(); i++) {
            JsonNode listing;
            try {
                HttpResponse<String> r = get(URI.create(bases.get(i) + path));
                if (r.statusCode() != 200) {
                    return null;
                }
                listing = Json.mapper().readTree(r.body());
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
            listing.path(field).forEach(n -> names.add(n.asText()));
            more |= listing.path("count").asInt() > listing.path(field).size();
            if (i == 0) {
                String scheme = URI.create(base).getScheme();
                listing.path("otherInstances").forEach(h -> bases.add(scheme + "://" + h.asText()));
            }
        }
        return new ExplainRenderer.Known(List.copyOf(names), more);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (httpCa != null) {
            try {
                builder.sslContext(((JdkSslContext) SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                        .trustManager(httpCa.toFile()).build()).context());
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("--http-ca " + httpCa + ": not a usable PEM CA certificate ("
                        + e.getMessage() + ")", e);
            }
        }
        return builder.build();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
