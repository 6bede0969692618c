package io.tunnelwatch.launcher.allinone;

import java.util.List;

/**
 * Something the user can fix stopped tunnelwatch from starting. The message is one line saying what; when several
 * things stand in the way (a held data directory and ports in use), it lists them all, one per line.
 */
public final class StartupException extends RuntimeException {

    private final List<String> problems;

    public StartupException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    private StartupException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : "cannot start, " + problems.size() + " problems:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found before starting, in one exception; {@code problems} is not empty. */
    static StartupException of(List<String> problems) {
        return new StartupException(problems);
    }

    /** What stood in the way, one line each. */
    public List<String> problems() {
        return problems;
    }
}
