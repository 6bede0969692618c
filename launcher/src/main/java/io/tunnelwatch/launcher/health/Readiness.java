package io.tunnelwatch.launcher.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether this process is ready for traffic: a set of named checks ({@code kafka}, {@code syslog}, {@code traps},
 * {@code streams}), each ready or not with a reason, kept up to date by the parts they describe. The process is
 * ready when every check is. Checks are declared not ready before anything starts, so a check never passes by being
 * absent, and they keep the order in which they were first set.
 *
 * <p>Pure and thread-safe: parts set their check from their own threads, {@link #report()} answers from the state
 * held, without calling anything.
 */
public final class Readiness {

    private final Map<String, CheckStatus> checks = new LinkedHashMap<>();
    private final List<Consumer<Report>> listeners = new CopyOnWriteArrayList<>();

    /** Sets one check; listeners hear of it only when the status changed. */
    public void set(String name, CheckStatus status) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Report changed;
        synchronized (this) {
            if (status.equals(checks.put(name, status))) {
                return;
            }
            changed = report();
        }
        for (Consumer<Report> listener : listeners) {
            listener.accept(changed);
        }
    }

    /**
     * Called with the whole report after every change, on the thread of the part that changed it (a Kafka Streams
     * thread, the Kafka probe): it should return quickly.
     */
    public void addListener(Consumer<Report> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public synchronized Report report() {
        List<Result> results = new ArrayList<>(checks.size());
        checks.forEach((name, status) -> results.add(new Result(name, status)));
        return new Report(List.copyOf(results));
    }

    /** One check by name and its status. */
    public record Result(String name, CheckStatus status) {
    }

    /** Every check, in the order they were declared. */
    public record Report(List<Result> results) {

        /** True when every check is ready. */
        public boolean ready() {
            return results.stream().allMatch(r -> r.status().ready());
        }

        /** The checks that are not ready, in order. */
        public List<Result> notReady() {
            return results.stream().filter(r -> !r.status().ready()).toList();
        }

        /** The status of {@code name}, or null when no such check is declared. */
        public CheckStatus status(String name) {
            return results.stream().filter(r -> r.name().equals(name)).map(Result::status).findFirst()
                    .orElse(null);
        }
    }
}
