package io.tunnelwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessCpuTest {

    @Test
    void coresAreCpuTimeOverWallTime() {
        assertThat(ProcessCpu.cores(1_000_000_000L, 4_000_000_000L, 2.0)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void anUnknownReadingGivesNoFigure() {
        assertThat(ProcessCpu.cores(-1, 4_000_000_000L, 2.0)).isEqualTo(-1);
        assertThat(ProcessCpu.cores(0, -1, 2.0)).isEqualTo(-1);
        assertThat(ProcessCpu.cores(0, 5, 0)).isEqualTo(-1);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRunningChildHasAFigureAndAnExitedOneHasNone() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(ProcessCpu.nanos(child)).isGreaterThanOrEqualTo(0);
        } finally {
            child.destroy();
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessCpu.nanos(child)).isEqualTo(-1);
    }
}
