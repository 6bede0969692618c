package io.tunnelwatch.collector.sink;


/** Where raw copies of non-crypto lines go ({@code tunnelwatch.syslog.raw}); must not block. */
@FunctionalInterface
public interface RawLineSink {

    /**
     * @param key  the device the line came from
     * @param line the line as received, without its line end
     */
    PublishOutcome offer(String key, String line);
}
