package io.tunnelwatch.collector.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.tunnelwatch.collector.syslog.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection limit, the open gauge and idle closing, on {@link EmbeddedChannel}s standing for connections. */
class ConnectionGuardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConnectionMeters meters = new ConnectionMeters(registry);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeAll() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void shouldRegisterEveryConnectionMeterAtZeroBeforeAnyConnection() {
        for (String t : List.of("tcp", "tls")) {
            assertThat(gauge(t)).isZero();
            assertThat(count("tunnelwatch.syslog.connections.accepted", t)).isZero();
            assertThat(count("tunnelwatch.syslog.connections.rejected", t)).isZero();
            assertThat(count("tunnelwatch.syslog.connections.closed.idle", t)).isZero();
        }
        assertThat(registry.get("tunnelwatch.syslog.tls.handshake.failures").counter().count()).isZero();
    }

    @Test
    void shouldCloseAConnectionOverTheLimitAtOnceAndCountItRejected() {
        EmbeddedChannel first = connect(Transport.TCP, 2);
        EmbeddedChannel second = connect(Transport.TLS, 2);
        EmbeddedChannel third = connect(Transport.TCP, 2);

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).as("TCP and TLS share one limit").isFalse();
        assertThat(count("tunnelwatch.syslog.connections.rejected", "tcp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.connections.accepted", "tcp")).isEqualTo(1);
        assertThat(gauge("tcp")).as("a rejected connection was never open").isEqualTo(1);
        assertThat(gauge("tls")).isEqualTo(1);
    }

    @Test
    void shouldFreeASlotWhenAConnectionCloses() {
        EmbeddedChannel first = connect(Transport.TCP, 1);
        first.close();

        EmbeddedChannel second = connect(Transport.TCP, 1);

        assertThat(second.isOpen()).isTrue();
        assertThat(gauge("tcp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.connections.accepted", "tcp")).isEqualTo(2);
    }

    @Test
    void shouldCloseAnIdleConnectionAndCountIt() {
        EmbeddedChannel ch = connect(Transport.TCP, 10);

        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        assertThat(ch.isOpen()).isFalse();
        assertThat(count("tunnelwatch.syslog.connections.closed.idle", "tcp")).isEqualTo(1);
        assertThat(gauge("tcp")).isZero();
    }

    @Test
    void shouldKeepAConnectionThatIsIdleOnlyBecauseReadingIsPausedForKafka() {
        EmbeddedChannel ch = connect(Transport.TCP, 10);
        ch.config().setAutoRead(false);

        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

        assertThat(ch.isOpen()).isTrue();
        assertThat(count("tunnelwatch.syslog.connections.closed.idle", "tcp")).isZero();
    }

    private EmbeddedChannel connect(Transport t, int limit) {
        EmbeddedChannel ch = new EmbeddedChannel(new ConnectionGuard(t, meters, limit));
        channels.add(ch);
        return ch;
    }

    private double gauge(String transport) {
        Gauge g = registry.get("tunnelwatch.syslog.connections.open").tag("transport", transport).gauge();
        return g.value();
    }

    private double count(String name, String transport) {
        Counter c = registry.get(name).tag("transport", transport).counter();
        return c.count();
    }
}
