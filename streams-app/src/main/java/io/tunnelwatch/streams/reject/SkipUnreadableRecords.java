package io.tunnelwatch.streams.reject;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * The streams app's {@code deserialization.exception.handler}: a record whose key or value no serde can read is
 * counted and logged by {@link RejectedRecords} and skipped, and the stream thread goes on with the next record. Kafka
 * Streams' default (log and fail) would stop the thread on the same record at every restart: one poison record on
 * {@code tunnelwatch.events} would halt every peer of its partition for good.
 */
public final class SkipUnreadableRecords implements DeserializationExceptionHandler {

    private RejectedRecords rejected;

    @Override
    public void configure(Map<String, ?> configs) {
        rejected = RejectedRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        rejected.reject(context.topic(), context.partition(), context.offset(), reason(record, exception),
                exception.getMessage());
        return Response.resume();
    }

    /** Which side was unreadable: Kafka Streams reads the key first, and an empty value is named as such. */
    static RejectReason reason(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (record.value() == null || record.value().length == 0) {
            return RejectReason.EMPTY_VALUE;
        }
        String message = String.valueOf(exception.getMessage());
        return message.startsWith("bad key") ? RejectReason.UNREADABLE_KEY : RejectReason.UNREADABLE_VALUE;
    }
}
