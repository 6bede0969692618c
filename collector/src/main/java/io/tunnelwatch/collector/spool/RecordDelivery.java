package io.tunnelwatch.collector.spool;

/** A {@link Delivery} of a record read back from the spool (or made by hand). */
public final class RecordDelivery implements Delivery {

    private final SpoolRecord record;
    private volatile int state;

    public RecordDelivery(SpoolRecord record) {
        this.record = record;
    }

    @Override
    public String topic() {
        return record.topic();
    }

    @Override
    public byte[] key() {
        return record.key();
    }

    @Override
    public byte[] value() {
        return record.value();
    }

    @Override
    public long timestampMillis() {
        return record.timestamp();
    }

    @Override
    public int state() {
        return state;
    }

    @Override
    public void acknowledged() {
        state = ACKNOWLEDGED;
    }

    @Override
    public void failed() {
        state = FAILED;
    }
}
