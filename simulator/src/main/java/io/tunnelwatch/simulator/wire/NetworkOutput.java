package io.tunnelwatch.simulator.wire;

import io.tunnelwatch.simulator.trap.TrapSender;
import io.tunnelwatch.simulator.tunnel.Notification;
import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.WireOutput;

/** Puts syslog on the wire through a {@link SyslogTransmitter} and traps through a {@link TrapSender} (if any). */
public final class NetworkOutput implements WireOutput {

    private final SyslogTransmitter syslog;
    private final TrapSender traps;

    public NetworkOutput(SyslogTransmitter syslog, TrapSender traps) {
        this.syslog = syslog;
        this.traps = traps;
    }

    @Override
    public void syslog(RouterModel router, String message) {
        syslog.send(router.router(), router.router().line(message));
    }

    @Override
    public void notify(RouterModel router, Notification notification) {
        if (traps != null) {
            traps.send(router, notification);
        }
    }
}
