package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.RttMonMib.ResponseSense;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the IP SLA results of successive polls of one device into underlay events: UNDERLAY_PROBE_FAILED when a
 * probe's last result says its target cannot be reached (timeout, disconnected, notConnected, dropped) and
 * UNDERLAY_PROBE_OK when it is reached (ok, or overThreshold: slow but there), each when first seen and then only
 * when it changes, the same events the IP SLA notifications give. Results that say neither (busy, other, errors of
 * the probe itself) leave the last verdict standing. Not thread-safe: one per device, used under its poll.
 */
final class SlaProbeWatch {

    private final String device;
    private final Map<Integer, Boolean> failing = new HashMap<>();

    SlaProbeWatch(String device) {
        this.device = device;
    }

    /** Events for the probes whose verdict is new or changed since the last poll. */
    List<TunnelEvent> onPoll(List<SlaProbe> probes, String source, Instant polledAt) {
        List<TunnelEvent> events = new ArrayList<>();
        for (SlaProbe p : probes) {
            Boolean now = verdict(p.sense());
            if (now == null || now.equals(failing.put(p.index(), now))) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            fields.put("sla_index", Integer.toString(p.index()));
            fields.put("sense", senseName(p.sense()));
            if (p.tag() != null && !p.tag().isBlank()) {
                fields.put("sla_tag", p.tag().strip());
            }
            events.add(new TunnelEvent(TunnelEvent.VERSION,
                    now ? EventKind.UNDERLAY_PROBE_FAILED : EventKind.UNDERLAY_PROBE_OK, null, device, p.target(),
                    null, "rttMonLatestRttOperSense", now ? 3 : 5, fields, null, polledAt, source, "snmp",
                    "IP SLA " + p.index() + " to " + p.target() + ": " + senseName(p.sense())));
        }
        return events;
    }

    /** True: target unreachable; false: reached; null: the result says neither. */
    static Boolean verdict(int sense) {
        ResponseSense s = ResponseSense.of(sense);
        return s == null ? null : switch (s) {
            case OK, OVER_THRESHOLD -> Boolean.FALSE;
            case DISCONNECTED, TIMEOUT, NOT_CONNECTED, DROPPED -> Boolean.TRUE;
            default -> null;
        };
    }

    /** The RttResponseSense label of a result, or {@code senseN} for a number without one here. */
    static String senseName(int sense) {
        ResponseSense s = ResponseSense.of(sense);
        return s != null ? s.label() : "sense" + sense;
    }
}
