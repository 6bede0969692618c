package io.tunnelwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    @EnabledOnOs(OS.LINUX)
    void aChildJvmsCompilerThreadsAreCountedAndOtherThreadsAreNot(@TempDir Path dir) throws Exception {
        // The java launcher compiles a source file with javac in its own JVM before it runs it: the JIT has work.
        Path source = Files.writeString(dir.resolve("Wait.java"),
                "class Wait { public static void main(String[] a) throws Exception {"
                        + " System.out.println(\"ready\"); Thread.sleep(60_000); } }");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jvm = new ProcessBuilder(java, source.toString())
                .redirectErrorStream(true).start();
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(jvm.getInputStream().readNBytes("ready".length())).asString().isEqualTo("ready");
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessCpu.compilerNanos(jvm) > 0);
            assertThat(ProcessCpu.compilerNanos(jvm)).as("at most the whole process's")
                    .isLessThanOrEqualTo(ProcessCpu.nanos(jvm));
            assertThat(ProcessCpu.compilerNanos(sleep)).as("no JIT in sleep").isZero();
        } finally {
            jvm.destroy();
            sleep.destroy();
        }
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessCpu.compilerNanos(jvm)).as("gone").isEqualTo(-1);
    }
}
