package io.tunnelwatch.collector.sink;

import io.tunnelwatch.events.TunnelEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link EventSink} that keeps every event offered and answers with a settable outcome and room. Thread-safe: UDP
 * datagrams are parsed on their socket's own thread.
 */
public final class RecordingEventSink implements EventSink {

    private final List<TunnelEvent> events = Collections.synchronizedList(new ArrayList<>());
    private volatile PublishOutcome outcome = PublishOutcome.QUEUED;
    private volatile boolean room = true;

    @Override
    public PublishOutcome offer(TunnelEvent event) {
        events.add(event);
        return outcome;
    }

    @Override
    public boolean hasRoom() {
        return room;
    }

    /** Every event offered, accepted or not, in order. */
    public List<TunnelEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public void answer(PublishOutcome next) {
        this.outcome = next;
    }

    public void room(boolean hasRoom) {
        this.room = hasRoom;
    }
}
