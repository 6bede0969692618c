package io.tunnelwatch.launcher.allinone;

import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} readiness check while the process runs: Kafka is reachable when an Admin {@code describeCluster}
 * to the process's bootstrap servers, with its client settings, is answered within {@link #TIMEOUT}. Asked every
 * {@link #PERIOD} on a thread of its own, so {@code /readyz} only reads the last answer and never waits on Kafka.
 */
public final class KafkaProbe implements AutoCloseable {

    public static final String NAME = "kafka";
    static final Duration PERIOD = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaProbe.class);

    private final String bootstrapServers;
    private final Map<String, Object> adminConfig;
    private final Readiness readiness;
    /** Whether an outage is carried without this process turning not ready (a collector's spool with room). */
    private final BooleanSupplier outageCarried;
    private final ScheduledExecutorService scheduler;
    /** Used on the probe thread only. */
    private Admin admin;
    private Boolean reachable;

    private KafkaProbe(String bootstrapServers, Map<String, String> clientSettings, Readiness readiness,
                       BooleanSupplier outageCarried) {
        this.bootstrapServers = bootstrapServers;
        this.readiness = readiness;
        this.outageCarried = outageCarried;
        int ms = (int) TIMEOUT.toMillis();
        adminConfig = new HashMap<>(clientSettings);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tunnelwatch-kafka-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Asks at once, then every {@link #PERIOD}, setting the {@value #NAME} check of {@code readiness}.
     *
     * @param clientSettings further admin client settings (security), from {@code --kafka-config}
     */
    public static KafkaProbe start(String bootstrapServers, Map<String, String> clientSettings,
                                   Readiness readiness) {
        return start(bootstrapServers, clientSettings, readiness, () -> false);
    }

    /**
     * The same, for a process that can carry an outage: while {@code outageCarried} says so (a collector alone,
     * whose spool has room), Kafka not answering leaves the check ready, with the reason in its detail. Behind a
     * Kubernetes Service a not-ready collector gets no traffic: syslog sent meanwhile would be lost, not spooled.
     */
    public static KafkaProbe start(String bootstrapServers, Map<String, String> clientSettings,
                                   Readiness readiness, BooleanSupplier outageCarried) {
        KafkaProbe probe = new KafkaProbe(bootstrapServers, clientSettings, readiness, outageCarried);
        probe.scheduler.scheduleWithFixedDelay(probe::probe, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    private void probe() {
        int ms = (int) TIMEOUT.toMillis();
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes()
                    .get(ms + 1000L, TimeUnit.MILLISECONDS).size();
            record(true, reachable(bootstrapServers, brokers));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // any failure, a KafkaException included: an escaping exception would end the schedule
            String reason = KafkaReachability.reason(e);
            // Only once Kafka has answered: a start still waits for it.
            record(false, reachable != null && outageCarried.getAsBoolean()
                    ? carried(bootstrapServers, reason) : unreachable(bootstrapServers, reason));
        }
    }

    private void record(boolean answered, CheckStatus status) {
        if (reachable != null && reachable != answered) {
            if (answered) {
                LOG.info("Kafka at {} answers again", bootstrapServers);
            } else {
                LOG.warn("Kafka at {} stopped answering: {}; /readyz says {}", bootstrapServers,
                        status.detail(), status.ready() ? "ready: the spool takes the records" : "not ready");
            }
        }
        reachable = answered;
        readiness.set(NAME, status);
    }

    static CheckStatus reachable(String bootstrapServers, int brokers) {
        return CheckStatus.ready(bootstrapServers + " answered (" + brokers + " broker(s))");
    }

    static CheckStatus unreachable(String bootstrapServers, String reason) {
        return CheckStatus.notReady("no answer from " + bootstrapServers + " within " + TIMEOUT.toSeconds() + " s ("
                + reason + ")");
    }

    static CheckStatus carried(String bootstrapServers, String reason) {
        return CheckStatus.ready("no answer from " + bootstrapServers + " within " + TIMEOUT.toSeconds() + " s ("
                + reason + "); the spool takes the records");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(TIMEOUT.toMillis() + 2000L, TimeUnit.MILLISECONDS)) {
                LOG.warn("The Kafka probe did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
