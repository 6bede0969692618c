package io.tunnelwatch.broker;

import io.tunnelwatch.events.topic.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of docs/architecture.md#topics that are missing, with the configured partitions and replication,
 * and leaves
 * existing ones alone (a topic with fewer partitions than configured is reported, never changed behind the
 * operator's back: repartitioning moves keys). Returns once every partition of the topics it created has a leader:
 * a producer that writes in the moment before (the collector starting with a fresh broker) gets its first batches
 * refused, and idempotent producers then lose them to out-of-order sequence errors (seen in an integration test
 * that wrote to new partitions at once).
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final long LEADER_POLL_MILLIS = 50;

    private final Admin admin;
    private final long timeoutMs;

    public TopicProvisioner(Admin admin, long timeoutMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param replicationFactor replicas per partition; 0 or less picks min(3, number of brokers)
     * @return the names of the topics it created
     */
    public List<String> ensure(Collection<Topic<?, ?>> topics, int partitions, int replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            short replicas = (short) (replicationFactor > 0 ? replicationFactor : Math.min(3, brokerCount()));
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (existing.contains(topic.name())) {
                    warnIfFewerPartitions(topic.name(), partitions);
                } else {
                    missing.add(newTopic(topic, partitions, replicas));
                }
            }
            createAll(missing);
            List<String> created = missing.stream().map(NewTopic::name).toList();
            awaitLeaders(created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the tunnelwatch topics: "
                    + EmbeddedKafkaBroker.rootMessage(e), e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicas) {
        NewTopic t = new NewTopic(topic.name(), partitions, replicas);
        if (topic.compacted()) {
            t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return t;
    }

    private void createAll(List<NewTopic> missing) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        var results = admin.createTopics(missing).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                LOG.info("Created topic {}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Waits up to the timeout for every partition of {@code names} to have a leader; warns if some do not. */
    private void awaitLeaders(List<String> names) throws InterruptedException {
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String lastProblem = "not described yet";
        while (System.nanoTime() - deadline < 0) {
            try {
                long leaderless = admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS)
                        .values().stream().flatMap(t -> t.partitions().stream())
                        .filter(p -> p.leader() == null || p.leader().isEmpty()).count();
                if (leaderless == 0) {
                    return;
                }
                lastProblem = leaderless + " partitions without a leader";
            } catch (ExecutionException | TimeoutException e) {
                lastProblem = EmbeddedKafkaBroker.rootMessage(e); // just created: metadata may not know them yet
            }
            Thread.sleep(LEADER_POLL_MILLIS);
        }
        LOG.warn("Created topics {} but after {} ms: {}; producers may see their first batches refused", names,
                timeoutMs, lastProblem);
    }

    private int brokerCount() throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
    }

    private void warnIfFewerPartitions(String name, int wanted) throws InterruptedException, ExecutionException,
            TimeoutException {
        TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(name);
        if (d != null && d.partitions().size() < wanted) {
            LOG.warn("Topic {} has {} partitions, fewer than the configured {}; left as it is", name,
                    d.partitions().size(), wanted);
        }
    }
}
