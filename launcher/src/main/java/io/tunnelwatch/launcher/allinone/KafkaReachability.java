package io.tunnelwatch.launcher.allinone;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/** Fails fast, with one line, when the configured Kafka does not answer. */
final class KafkaReachability {

    private KafkaReachability() {
    }

    /**
     * @param clientSettings further admin client settings (security), from {@code --kafka-config}
     * @return the number of brokers that answered
     */
    static int require(String bootstrapServers, Duration timeout, Map<String, String> clientSettings) {
        int ms = (int) timeout.toMillis();
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes()
                    .get(ms + 1000L, TimeUnit.MILLISECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for Kafka at " + bootstrapServers);
        } catch (KafkaException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new StartupException("cannot reach Kafka at " + bootstrapServers + " within "
                    + timeout.toSeconds() + " s (" + reason(e) + "); check --bootstrap-servers"
                    + (clientSettings.isEmpty() ? "" : " and --kafka-config"), e);
        }
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replaceAll("\\s*\\R\\s*", " ");
    }
}
