package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.TunnelEvent;

/**
 * What one syslog line is, before anything is counted or published: a tunnel event, a Cisco message that is not
 * about crypto, or a line that is not a Cisco message. Every outcome names the device and whether the inventory
 * knows it.
 */
public sealed interface LineOutcome {

    /** The resolved device name. */
    String device();

    /** Whether the device is in the inventory; always false without an inventory. */
    boolean knownDevice();

    /** A crypto message, read into an event. */
    record Event(TunnelEvent event, SyslogMessage message, boolean knownDevice) implements LineOutcome {
        @Override
        public String device() {
            return event.device();
        }
    }

    /** A Cisco message of another facility (e.g. {@code %SYS-5-CONFIG_I}). */
    record Ignored(SyslogMessage message, String device, boolean knownDevice) implements LineOutcome {
    }

    /** Not a Cisco message at all. */
    record Unparsed(SyslogParseResult.Reason reason, String device, boolean knownDevice) implements LineOutcome {
    }
}
