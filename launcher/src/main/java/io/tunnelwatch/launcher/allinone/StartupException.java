package io.tunnelwatch.launcher.allinone;

/** Something the user can fix stopped tunnelwatch from starting; the message is one line saying what. */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
