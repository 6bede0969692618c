package io.tunnelwatch.collector.snmp.poll;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one poll of one device read: the cikeTunnelTable and cipSecTunnelTable rows, and when.
 *
 * @param polledAt when the walk completed (collector clock); elapsed time between walks bounds a plausible wrap
 */
public record DeviceWalk(Instant polledAt, List<IkeRow> ikeRows, List<SaRow> saRows) {

    public DeviceWalk {
        Objects.requireNonNull(polledAt, "polledAt");
        ikeRows = List.copyOf(ikeRows);
        saRows = List.copyOf(saRows);
    }
}
