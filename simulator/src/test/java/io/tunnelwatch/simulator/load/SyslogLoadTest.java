package io.tunnelwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load's warm-up gets it ready without sending a line or changing what the load then sends. */
class SyslogLoadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T11:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldOpenTheTransportAndSendNothingWhileWarmingUp() {
        Fleet fleet = Fleet.create(4, 2, CLOCK, 1);
        Recording transmitter = new Recording();

        long rendered = new SyslogLoad(fleet, transmitter).prepare(37_500, Duration.ofSeconds(60), 0);

        assertThat(rendered).isEqualTo(SyslogLoad.WARM_UP_LINES);
        assertThat(transmitter.lines).isEmpty();
        assertThat(transmitter.opened).isEqualTo(fleet.routers());
        assertThat(fleet.routers()).allSatisfy(router -> assertThat(router.lastSequence()).isZero());
    }

    @Test
    void shouldSendAfterItsWarmUpWhatItWouldHaveSentWithout() {
        Recording warmed = new Recording();
        Recording cold = new Recording();
        SyslogLoad prepared = new SyslogLoad(Fleet.create(4, 2, CLOCK, 1), warmed);
        prepared.prepare(100_000, Duration.ofSeconds(30), 40);

        prepared.run(100_000, Duration.ofSeconds(30), 40, "tcp", "127.0.0.1:5514");
        new SyslogLoad(Fleet.create(4, 2, CLOCK, 1), cold).run(100_000, Duration.ofSeconds(30), 40, "tcp",
                "127.0.0.1:5514");

        assertThat(warmed.lines).hasSize(40).isEqualTo(cold.lines);
    }

    @Test
    void shouldWarmUpOnNoMoreLinesThanTheLoadWillSend() {
        SyslogLoad load = new SyslogLoad(Fleet.create(4, 2, CLOCK, 1), new Recording());

        assertThat(load.prepare(5_000, Duration.ofSeconds(30), 10_000)).isEqualTo(10_000);
        assertThat(load.prepare(1_000, Duration.ofSeconds(5), 0)).isEqualTo(5_000);
        assertThat(load.prepare(1_000, Duration.ofSeconds(600), 0)).isEqualTo(SyslogLoad.WARM_UP_LINES);
    }

    /** Keeps what the load hands its transport. */
    private static final class Recording implements SyslogTransmitter {
        final List<SimulatedRouter> opened = new ArrayList<>();
        final List<String> lines = new ArrayList<>();

        @Override
        public void open(List<SimulatedRouter> routers) {
            opened.addAll(routers);
        }

        @Override
        public boolean send(SimulatedRouter router, String line) {
            lines.add(router.address() + " " + line);
            return true;
        }

        @Override
        public void close() {
        }
    }
}
