package io.tunnelwatch.streams.topology;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A processor's wall-clock punctuation on the whole multiples of its interval since the epoch, so that the
 * punctuations of all the tasks of a stream thread fall in one loop of the thread instead of one loop each. After
 * every loop that punctuated, Kafka Streams 4.4 halves how many records it processes per task before it checks the
 * tasks again, and each check formats a log line: twenty-four staggered punctuations a second (two processors, twelve
 * tasks) kept those batches small (docs/performance.md#equals-by-hand-punctuations-on-the-second).
 */
final class AlignedPunctuation {

    private AlignedPunctuation() {
    }

    static Cancellable schedule(ProcessorContext<?, ?> context, Duration every, Punctuator punctuator) {
        // A start in the past is moved to the next multiple of the interval after it; from the epoch, that is aligned.
        return context.schedule(Instant.EPOCH, every, PunctuationType.WALL_CLOCK_TIME, punctuator);
    }
}
