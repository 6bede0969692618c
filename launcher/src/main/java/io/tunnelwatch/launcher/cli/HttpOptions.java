package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.http.HttpAccess;
import io.tunnelwatch.launcher.http.HttpSecurity;
import io.tunnelwatch.launcher.http.HttpTls;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The HTTP endpoint: /metrics and what it serves, /healthz, /readyz, /peers. */
public final class HttpOptions {

    @Option(names = "--http-host", defaultValue = "0.0.0.0",
            description = "Address of the HTTP endpoint (default: ${DEFAULT-VALUE}).")
    public String host;

    @Option(names = "--http-port", defaultValue = "9400",
            description = "Port of the HTTP endpoint: /metrics, /healthz, /readyz, /peers (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--metrics-kafka-all",
            description = "Serve every Kafka client and Kafka Streams metric on /metrics (thousands of series, per"
                    + " partition, task and store) instead of the ones docs/metrics.md lists. Env:"
                    + " TUNNELWATCH_METRICS_KAFKA_ALL.")
    public boolean kafkaMetricsAll;

    @Option(names = "--http-tls-cert", paramLabel = "PEM",
            description = "Serve HTTPS with this certificate chain (PEM); needs --http-tls-key.")
    public Path tlsCert;

    @Option(names = "--http-tls-key", paramLabel = "PEM",
            description = "Private key (unencrypted PKCS#8 PEM) of --http-tls-cert.")
    public Path tlsKey;

    @Mixin
    HttpCredentialOptions credentials = new HttpCredentialOptions();

    /**
     * HTTPS and credentials as configured, files read and checked now.
     *
     * @throws IllegalArgumentException naming the option when a file is missing, empty or unusable, or options clash
     */
    HttpSecurity security() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--http-tls-cert and --http-tls-key go together");
        }
        credentials.check();
        HttpAccess access = HttpAccess.open();
        if (credentials.bearerTokenFile != null) {
            access = credential("--http-bearer-token-file", credentials.bearerTokenFile,
                    () -> HttpAccess.bearer(credentials.bearerToken()));
        } else if (credentials.basicAuthUser != null) {
            access = credential("--http-basic-auth-password-file", credentials.basicAuthPasswordFile,
                    () -> HttpAccess.basic(credentials.basicAuthUser, credentials.basicPassword()));
        }
        return new HttpSecurity(access, tlsCert == null ? null : HttpTls.fromPem(tlsCert, tlsKey));
    }

    private static HttpAccess credential(String option, Path file, java.util.function.Supplier<HttpAccess> access) {
        try {
            return access.get();
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(option) ? e
                    : new IllegalArgumentException(option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
