package io.tunnelwatch.broker;

/** The embedded broker could not start; the message is a one-line reason for the user. */
public final class BrokerStartException extends RuntimeException {

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
