package io.tunnelwatch.launcher.cli;

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
}
