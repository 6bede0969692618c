package io.tunnelwatch.collector.transport;

/** A listener could not bind; the message is a one-line reason for the user. */
public final class ListenerStartException extends RuntimeException {

    public ListenerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
