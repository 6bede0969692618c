package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.events.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tunnelwatch explain DEVICE PEER} (DESIGN.md "launcher"): asks a running streams app for the peer
 * ({@code GET /peers/{device}/{peer}}, following a redirect to the instance that owns it) and prints what is wrong,
 * at which layer, why, and what to run next.
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

    @Override
    public Integer call() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        URI uri = URI.create(url.replaceAll("/+$", "") + "/peers/" + encode(device) + "/" + encode(peer));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + url + " (" + e + "); is tunnelwatch running there?"
                    + " Use --url", e);
        }
        if (response.statusCode() == 404) {
            System.err.println("tunnelwatch knows no peer " + peer + " of device " + device + ".");
            return 3;
        }
        if (response.statusCode() != 200) {
            System.err.println(uri + " answered " + response.statusCode() + ": " + response.body());
            return 2;
        }
        System.out.print(ExplainRenderer.render(Json.mapper().readTree(response.body())));
        return 0;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
