package io.tunnelwatch.simulator;

import io.tunnelwatch.simulator.tunnel.Notification;
import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.WireOutput;
import java.util.ArrayList;
import java.util.List;

/** Records what simulated routers send, as {@code router: message} lines and notifications by router. */
public final class RecordingOutput implements WireOutput {

    public record Sent(String router, Notification notification) {
    }

    public final List<String> lines = new ArrayList<>();
    public final List<Sent> notifications = new ArrayList<>();

    @Override
    public synchronized void syslog(RouterModel router, String message) {
        lines.add(router.name() + ": " + message);
    }

    @Override
    public synchronized void notify(RouterModel router, Notification notification) {
        notifications.add(new Sent(router.name(), notification));
    }

    public synchronized void clear() {
        lines.clear();
        notifications.clear();
    }
}
