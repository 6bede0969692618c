package io.tunnelwatch.simulator.load;

import io.tunnelwatch.simulator.message.CryptoMessages;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Offers a steady rate of mixed IOS-XE syslog from a fleet, for benchmarks and soak runs: session up/down lines,
 * invalid-SPI and replay samples, and everyday non-crypto noise, round-robin over the routers with their own
 * header styles and sequence numbers. Paced in 1 ms slices; bounded by a message count and a duration.
 */
public final class SyslogLoad {

    private static final long SLICE_NANOS = 1_000_000;

    /**
     * Most lines {@link #prepare} renders and sends nowhere: enough for the JIT to have compiled the rendering path.
     * A smaller load warms up on no more lines than it will send, so a short one is not kept waiting.
     */
    static final long WARM_UP_LINES = 200_000;

    private final Fleet fleet;
    private final SyslogTransmitter transmitter;

    public SyslogLoad(Fleet fleet, SyslogTransmitter transmitter) {
        this.fleet = fleet;
        this.transmitter = transmitter;
    }

    /**
     * Gets the load ready before its clock starts: the transport's connections opened and the path that renders a
     * line compiled. A generator that starts cold spends its first seconds interpreting and compiling that path,
     * about a core for five seconds beside a 0.3-core steady state
     * (docs/performance.md#the-load-generators-start-and---lead-in), CPU taken from whatever it measures on the same
     * box. The lines are rendered from twins of the routers and written nowhere, so the routers' counters and
     * sequence numbers start from where they were and the load's first line is still each router's first.
     *
     * @param rate     messages per second the load will offer
     * @param duration its longest run
     * @param maxCount the most messages it will send (0: no limit besides the duration)
     * @return the lines rendered and dropped: {@link #WARM_UP_LINES}, or the load's own size when that is less
     */
    public long prepare(long rate, Duration duration, long maxCount) {
        long planned = rate * Math.max(1, duration.toSeconds());
        long lines = Math.min(WARM_UP_LINES, maxCount > 0 ? Math.min(maxCount, planned) : planned);
        transmitter.open(fleet.routers());
        List<SimulatedRouter> twins = fleet.routers().stream().map(SimulatedRouter::twin).toList();
        OutputStream nowhere = new BufferedOutputStream(OutputStream.nullOutputStream(), 64 * 1024);
        try {
            for (long n = 0; n < lines; n++) {
                SimulatedRouter twin = twins.get((int) (n % twins.size()));
                nowhere.write(twin.line(message(twin, n)).getBytes(StandardCharsets.UTF_8));
                nowhere.write('\n');
            }
            nowhere.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a null stream failed", e);
        }
        return lines;
    }

    /**
     * @param rate     messages per second offered
     * @param duration longest run
     * @param maxCount stop after this many messages (0: no limit besides the duration)
     */
    public LoadReport run(long rate, Duration duration, long maxCount, String transport, String collector) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 message/s, was " + rate);
        }
        List<SimulatedRouter> routers = fleet.routers();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long failed = 0;
        long n = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end || (maxCount > 0 && n >= maxCount)) {
                break;
            }
            long due = Math.min((now - start) * rate / 1_000_000_000L + 1, maxCount > 0 ? maxCount : Long.MAX_VALUE);
            while (n < due) {
                SimulatedRouter router = routers.get((int) (n % routers.size()));
                if (transmitter.send(router, router.line(message(router, n)))) {
                    sent++;
                } else {
                    failed++;
                }
                n++;
            }
            transmitter.flush();
            long next = start + ((now - start) / SLICE_NANOS + 1) * SLICE_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
        transmitter.flush();
        return new LoadReport(transport, collector, routers.size(), sent, failed,
                Duration.ofNanos(System.nanoTime() - start), rate);
    }

    /** A realistic mix: mostly session status, some data-plane samples, some noise. */
    static String message(SimulatedRouter router, long n) {
        List<String> peers = router.peers();
        String peer = peers.isEmpty() ? "198.51.100.1" : peers.get((int) (n / 7 % peers.size()));
        return switch ((int) (n % 10)) {
            case 0, 1, 2 -> CryptoMessages.sessionStatus(false, n % 20 < 10, peer, 500);
            case 3, 4 -> CryptoMessages.sessionStatus(true, n % 20 < 10, peer, n % 3 == 0 ? 4500 : 500);
            case 5 -> CryptoMessages.invalidSpi(router.address(), peer, 0x9E6D41B7L + n % 1000,
                    "GigabitEthernet0/0/0");
            case 6 -> CryptoMessages.replayError((int) (n % 4000), n % 100_000);
            case 7 -> CryptoMessages.tunnelLineProtocol((int) (n % 50), n % 2 == 0);
            default -> CryptoMessages.configured();
        };
    }
}
