package io.tunnelwatch.simulator.fault;

import io.tunnelwatch.simulator.tunnel.Notification;
import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.WireOutput;

/** Outputs faults use internally. */
final class WireOutputs {

    /** Sends nothing: state changes nobody sees, as for a peer that never came up. */
    static final WireOutput DISCARD = new WireOutput() {
        @Override
        public void syslog(RouterModel router, String message) {
        }

        @Override
        public void notify(RouterModel router, Notification notification) {
        }
    };

    private WireOutputs() {
    }
}
