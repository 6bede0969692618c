package io.tunnelwatch.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The WARN and ERROR lines logged in this JVM while an action runs, as {@code logger: message}: an appender on the
 * root logger of the log4j2 configuration in force (the test's), so a logger that configuration quietens stays quiet.
 */
public final class LogCapture {

    /** An action that may throw, as a test's steps do. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private LogCapture() {
    }

    public static List<String> warningsWhile(Action action) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                warnings.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.addAppender(capture, Level.WARN, null);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            root.removeAppender(capture.getName());
            context.updateLoggers();
            capture.stop();
        }
        return List.copyOf(warnings);
    }
}
