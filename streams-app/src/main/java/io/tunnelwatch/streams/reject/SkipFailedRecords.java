package io.tunnelwatch.streams.reject;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The streams app's {@code processing.exception.handler}: a record on which one of our processors throws is counted
 * and logged by {@link RejectedRecords} (reason {@link RejectReason#PROCESSING_ERROR}, with topic, partition, offset
 * and the failing node) and skipped; the task goes on with the next record. Kafka Streams' default (log and fail)
 * would stop the stream thread; the replaced thread would resume from the last commit and throw on the same record
 * again, so one such record would stall every peer of its partition for good.
 *
 * <p>An exception raised by a punctuation has no input record: Kafka Streams reports it with no topic, counted here
 * under the topic {@value #NO_TOPIC}.
 */
public final class SkipFailedRecords implements ProcessingExceptionHandler {

    /** The {@code topic} tag of a failure without a source record (a punctuation's). */
    public static final String NO_TOPIC = "none";

    private RejectedRecords rejected;

    @Override
    public void configure(Map<String, ?> configs) {
        rejected = RejectedRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String topic = context.topic() == null ? NO_TOPIC : context.topic();
        rejected.reject(topic, context.partition(), context.offset(), RejectReason.PROCESSING_ERROR,
                "in " + context.processorNodeId() + ": " + exception, exception);
        return Response.resume();
    }
}
