package io.tunnelwatch.launcher.health;

import io.tunnelwatch.streams.StreamsApp;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The {@code streams} check: ready while Kafka Streams is RUNNING and no store partition is being restored from its
 * changelog. A rebalance or a restore makes it not ready again until it ends: meanwhile this instance's peers may be
 * moving, its stores incomplete, and {@code /peers/…} answers 503 or stale state.
 */
public final class StreamsCheck {

    public static final String NAME = "streams";

    private StreamsCheck() {
    }

    /** The check for a state ({@code null} before the app starts) and the store partitions being restored. */
    public static CheckStatus status(KafkaStreams.State state, int restoringPartitions) {
        String restoring = restoringPartitions == 0 ? ""
                : "restoring " + restoringPartitions + " store partition(s) from their changelogs";
        if (state == null) {
            return CheckStatus.notReady("not started yet");
        }
        return switch (state) {
            case RUNNING -> restoring.isEmpty() ? CheckStatus.ready("RUNNING")
                    : CheckStatus.notReady("RUNNING, " + restoring);
            case CREATED -> CheckStatus.notReady("CREATED: starting");
            case REBALANCING -> CheckStatus.notReady("REBALANCING: partitions are being assigned"
                    + (restoring.isEmpty() ? "" : "; " + restoring));
            case PENDING_SHUTDOWN, NOT_RUNNING -> CheckStatus.notReady(state + ": stopping");
            default -> CheckStatus.notReady(state + ": every stream thread has failed; see the log");
        };
    }

    /** Keeps the check of {@code readiness} following {@code app}; call before the app starts. */
    public static void follow(StreamsApp app, Readiness readiness) {
        Object lock = new Object();
        // Under one lock, so a state change and a restore end reported at once by two threads cannot leave the
        // older of the two as the check.
        Runnable update = () -> {
            synchronized (lock) {
                readiness.set(NAME, status(app.state(), app.restoringPartitions()));
            }
        };
        app.onProgress(update);
        update.run();
    }
}
