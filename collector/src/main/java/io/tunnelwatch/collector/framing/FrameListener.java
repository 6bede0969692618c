package io.tunnelwatch.collector.framing;

/** Told about every frame {@link SyslogFrameDecoder} discards, once per frame; called on the event loop. */
@FunctionalInterface
public interface FrameListener {

    void discarded(FrameProblem problem);
}
