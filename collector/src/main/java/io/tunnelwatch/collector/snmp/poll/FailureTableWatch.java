package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows a router adds to its failure tables (cikeFailTable for phase 1, cipSecFailTable for phase 2) between
 * two polls into events, so that an IKE or IPsec negotiation that fails is diagnosed from SNMP alone: IKEv2 tunnels
 * and routers at {@code logging trap informational} log no line that says why (docs/cisco-messages.md).
 *
 * <p>The tables are sliding windows indexed from 1, one more per failure. The first poll of a device only notes the
 * highest index (what is there happened before tunnelwatch looked); a later poll takes the rows above it. An index
 * below the last highest means the router counted from 1 again (a reload): every row then is new. Rows of one peer
 * and reason in one poll become one event, the newest, with their count.
 *
 * <p>Reasons that say what failed become the events the syslog messages give: phase 1 authFailure, hashValidation
 * and the certificate reasons → IKE_AUTH_FAILED; proposalFailure → IKE_PROPOSAL_REJECTED; phase 2 proposalFailure →
 * IPSEC_SETUP_FAILED. The other reasons (a peer's delete, a lost peer, an operator's clear, …) are counted by reason
 * and become no event: they say that a tunnel went, not why a negotiation failed. Not thread-safe: one per device,
 * used under its poll.
 */
final class FailureTableWatch {

    static final String IKE_TABLE = "cikeFailTable";
    static final String IPSEC_TABLE = "cipSecFailTable";

    /** What became of a new row: an event, a count only (its reason diagnoses nothing), or no peer to tie it to. */
    enum Outcome { EVENT, COUNTED, NO_PEER }

    /** Where new rows are counted, by table, reason label and outcome. */
    interface Counts {
        void row(String table, String reason, Outcome outcome);
    }

    private final String device;
    private Integer lastIke;
    private Integer lastIpsec;

    FailureTableWatch(String device) {
        this.device = device;
    }

    /** Events for the rows added since the last poll. */
    List<TunnelEvent> onPoll(List<FailureRow> ike, List<FailureRow> ipsec, String source, Instant polledAt,
                             Counts counts) {
        List<FailureRow> newIke = added(ike, lastIke);
        lastIke = highest(ike, lastIke);
        List<FailureRow> newIpsec = added(ipsec, lastIpsec);
        lastIpsec = highest(ipsec, lastIpsec);
        List<TunnelEvent> events = new ArrayList<>();
        events(IKE_TABLE, newIke, source, polledAt, counts, events);
        events(IPSEC_TABLE, newIpsec, source, polledAt, counts, events);
        return events;
    }

    /** The rows above {@code last}; none on a first poll; all when the index went back (the router restarted). */
    static List<FailureRow> added(List<FailureRow> rows, Integer last) {
        if (last == null || rows.isEmpty()) {
            return List.of();
        }
        int top = rows.stream().mapToInt(FailureRow::index).max().orElse(0);
        if (top < last) {
            return rows;
        }
        return rows.stream().filter(r -> r.index() > last).toList();
    }

    private static Integer highest(List<FailureRow> rows, Integer last) {
        if (rows.isEmpty()) {
            // An empty window keeps what was seen: rows age out, the index does not restart.
            return last == null ? 0 : last;
        }
        return rows.stream().mapToInt(FailureRow::index).max().getAsInt();
    }

    private void events(String table, List<FailureRow> rows, String source, Instant polledAt, Counts counts,
                        List<TunnelEvent> out) {
        Map<String, FailureRow> newest = new LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (FailureRow row : rows) {
            String reason = label(table, row.reason());
            EventKind kind = kind(table, reason);
            if (kind == null) {
                counts.row(table, reason, Outcome.COUNTED);
            } else if (row.peer() == null) {
                counts.row(table, reason, Outcome.NO_PEER);
            } else {
                counts.row(table, reason, Outcome.EVENT);
                String key = row.peer() + "|" + reason;
                newest.merge(key, row, (a, b) -> b.index() > a.index() ? b : a);
                count.merge(key, 1, Integer::sum);
            }
        }
        newest.forEach((key, row) -> {
            String reason = label(table, row.reason());
            EventKind kind = kind(table, reason);
            Map<String, String> fields = new HashMap<>();
            fields.put("fail_table", table);
            fields.put("fail_index", Integer.toString(row.index()));
            fields.put("fail_count", Integer.toString(count.get(key)));
            String text = table + " row " + row.index() + ": " + reason + " with " + row.peer()
                    + (count.get(key) > 1 ? " (" + count.get(key) + " failures since the last poll)" : "");
            if (kind == EventKind.IPSEC_SETUP_FAILED) {
                // what the IpsecNegotiationFailed cause reads, as IPSEC_SETUP_FAILURE's fail_reason would say it
                fields.put("fail_reason", "IPSec proposal failure (" + table + " " + reason + ")");
            }
            out.add(new TunnelEvent(TunnelEvent.VERSION, kind, null, device, row.peer(), null,
                    table.equals(IKE_TABLE) ? "cikeFailReason" : "cipSecFailReason", 4, fields, null, polledAt,
                    source, "snmp", text));
        });
    }

    /** The MIB's label of a reason value, or {@code reasonN} for one it does not list. */
    static String label(String table, int reason) {
        List<String> labels = table.equals(IKE_TABLE) ? IpsecFlowMonitorMib.CIKE_FAIL_REASONS
                : IpsecFlowMonitorMib.CIPSEC_FAIL_REASONS;
        return reason > 0 && reason < labels.size() ? labels.get(reason) : "reason" + reason;
    }

    /** The event a reason gives, or null for one that diagnoses nothing. */
    static EventKind kind(String table, String reason) {
        if (table.equals(IKE_TABLE)) {
            return switch (reason) {
                case "authFailure", "hashValidation", "peerCertUnavailable", "peerCertNotValid", "localCertExpired",
                     "crlFailure" -> EventKind.IKE_AUTH_FAILED;
                case "proposalFailure" -> EventKind.IKE_PROPOSAL_REJECTED;
                default -> null;
            };
        }
        return "proposalFailure".equals(reason) ? EventKind.IPSEC_SETUP_FAILED : null;
    }
}
