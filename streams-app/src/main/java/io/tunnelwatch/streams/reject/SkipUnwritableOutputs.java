package io.tunnelwatch.streams.reject;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * The streams app's {@code production.exception.handler}: an output a sink cannot serialise (an alert, a peer state,
 * a far end's report) is counted and logged by {@link RejectedRecords} against the input record that produced it
 * (reason {@link RejectReason#PROCESSING_ERROR}, naming the output topic) and dropped; the task goes on. Kafka
 * Streams' default would stop the stream thread, and the replaced thread would fail on the same input again. A
 * record the broker refuses is not this handler's business: that still fails the task, so under exactly-once nothing
 * is committed without it.
 */
public final class SkipUnwritableOutputs implements ProductionExceptionHandler {

    private RejectedRecords rejected;

    @Override
    public void configure(Map<String, ?> configs) {
        rejected = RejectedRecords.from(configs);
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        String topic = context.topic() == null ? SkipFailedRecords.NO_TOPIC : context.topic();
        rejected.reject(topic, context.partition(), context.offset(), RejectReason.PROCESSING_ERROR,
                "writing the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " of a record to "
                        + record.topic() + " in " + context.processorNodeId() + ": " + exception, exception);
        return Response.resume();
    }
}
