package io.tunnelwatch.launcher.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final Readiness readiness = new Readiness();

    @Test
    void shouldBeReadyOnlyWhenEveryDeclaredCheckIsReady() {
        readiness.set("kafka", CheckStatus.notReady("starting the embedded broker"));
        readiness.set("syslog", CheckStatus.notReady("not listening yet"));
        assertThat(readiness.report().ready()).isFalse();

        readiness.set("kafka", CheckStatus.ready("127.0.0.1:9092 answered (1 broker(s))"));
        assertThat(readiness.report().ready()).isFalse();

        readiness.set("syslog", CheckStatus.ready("listening on udp 0.0.0.0:5514"));
        assertThat(readiness.report().ready()).isTrue();
    }

    @Test
    void shouldTurnNotReadyAgainWhenOneCheckFails() {
        readiness.set("kafka", CheckStatus.ready("answered"));
        readiness.set("streams", CheckStatus.ready("RUNNING"));

        readiness.set("streams", CheckStatus.notReady("REBALANCING: partitions are being assigned"));

        assertThat(readiness.report().ready()).isFalse();
        assertThat(readiness.report().notReady()).containsExactly(new Readiness.Result("streams",
                CheckStatus.notReady("REBALANCING: partitions are being assigned")));
    }

    @Test
    void shouldKeepTheChecksInTheOrderTheyWereFirstDeclared() {
        readiness.set("kafka", CheckStatus.notReady("waiting"));
        readiness.set("syslog", CheckStatus.notReady("not listening yet"));
        readiness.set("streams", CheckStatus.notReady("not started yet"));
        readiness.set("kafka", CheckStatus.ready("answered"));

        assertThat(readiness.report().results()).extracting(Readiness.Result::name)
                .containsExactly("kafka", "syslog", "streams");
        assertThat(readiness.report().status("kafka")).isEqualTo(CheckStatus.ready("answered"));
        assertThat(readiness.report().status("traps")).isNull();
    }

    @Test
    void shouldTellListenersOfChangesOnly() {
        List<Readiness.Report> heard = new ArrayList<>();
        readiness.addListener(heard::add);

        readiness.set("kafka", CheckStatus.notReady("waiting"));
        readiness.set("kafka", CheckStatus.notReady("waiting"));
        readiness.set("kafka", CheckStatus.ready("answered"));
        readiness.set("kafka", CheckStatus.ready("answered"));

        assertThat(heard).extracting(Readiness.Report::ready).containsExactly(false, true);
    }

    @Test
    void shouldGiveAReportThatLaterChangesDoNotAlter() {
        readiness.set("streams", CheckStatus.notReady("CREATED: starting"));
        Readiness.Report before = readiness.report();

        readiness.set("streams", CheckStatus.ready("RUNNING"));

        assertThat(before.ready()).isFalse();
        assertThat(readiness.report().ready()).isTrue();
    }
}
